extension PlanHTML {
    /// The page's whole style sheet: screen layout, print layout and the paper size.
    static func styleSheet(paper: Paper) -> String {
        """
        @page { size: \(paper.cssSize); margin: 10mm; }
        :root { --ink: #1F2937; --muted: #5B6472; --rule: #D7DBE2; --soft: #F4F5F7; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; color: var(--ink); background: #FFFFFF;
          font: 10.5pt/1.35 "DejaVu Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 32px; }
        h1 { font-size: 20pt; margin: 0 0 2px; letter-spacing: -0.01em; }
        h2 { font-size: 14pt; margin: 0 0 6px; }
        h2 .aside, .subtitle { color: var(--muted); font-weight: normal; font-size: 10pt; }
        h3 { font-size: 11pt; margin: 14px 0 6px; }
        header.event { border-bottom: 2px solid var(--ink); padding-bottom: 10px; margin-bottom: 14px; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(118px, 1fr)); gap: 6px 14px; margin: 10px 0 0; }
        .figures div { border-left: 3px solid var(--rule); padding-left: 7px; }
        .figures dt { font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
        .figures dd { margin: 0; font-size: 12.5pt; font-weight: bold; }
        .figures dd small { font-size: 8pt; font-weight: normal; color: var(--muted); }
        .status { display: inline-block; padding: 0 7px; border: 1.5px solid currentColor; border-radius: 3px;
          font-size: 9.5pt; text-transform: uppercase; letter-spacing: 0.05em; }
        .status-optimal { color: #0B6E3A; } .status-feasible { color: #8A5200; }
        .status-infeasible, .status-unknown { color: #A3161A; }
        .why { margin: 8px 0 0; padding-left: 18px; }
        .legend { display: flex; flex-wrap: wrap; align-items: center; gap: 3px 14px; margin: 0 0 10px;
          padding: 5px 9px; background: var(--soft); border-radius: 5px; font-size: 9pt; break-inside: avoid; }
        .legend .key-title { font-weight: bold; margin-right: 2px; }
        .legend span.entry { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
        .legend svg { width: 16px; height: 16px; }
        .legend .count { color: var(--muted); }
        section.session + section.session, section.cards { break-before: page; }
        section.session h2 { border-bottom: 1px solid var(--rule); padding-bottom: 3px; }
        .tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 10px; }
        figure.table { margin: 0; padding: 4px 8px 7px; border: 1px solid var(--rule); border-radius: 6px;
          break-inside: avoid; page-break-inside: avoid; }
        figure.table svg { display: block; width: 100%; height: auto; }
        .table-circle { fill: var(--soft); stroke: #4B5563; stroke-width: 1.5; }
        .table-id { font-size: 20px; font-weight: bold; fill: var(--ink); }
        .table-topic { font-size: 9.5px; fill: var(--muted); font-style: italic; }
        .table-seats { font-size: 9px; fill: var(--muted); }
        .seat-name { font-size: 12px; fill: var(--ink); }
        .mark-letter { font-weight: bold; }
        figcaption { font-size: 8pt; color: var(--muted); border-top: 1px dotted var(--rule); padding-top: 4px; }
        figcaption .mix b { color: var(--ink); font-weight: bold; }
        figcaption .score { margin-top: 2px; color: var(--ink); }
        .unused { color: var(--muted); font-size: 9pt; margin: 6px 0 0; }
        table.roster { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
        table.roster th { text-align: left; font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.05em;
          color: var(--muted); border-bottom: 1.5px solid var(--ink); padding: 3px 6px; }
        table.roster td { padding: 2px 6px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        table.roster tbody { break-inside: avoid; page-break-inside: avoid; }
        table.roster tbody tr:first-child td { border-top: 1.5px solid #9CA3AF; }
        table.roster td.table-cell { font-weight: bold; white-space: nowrap; }
        table.roster td.table-cell small { display: block; font-weight: normal; color: var(--muted); }
        table.roster tr { break-inside: avoid; }
        .no-plan { border: 2px solid #A3161A; border-radius: 6px; padding: 12px 16px; break-inside: avoid; }
        .sheet { break-inside: avoid; }
        .sheet + .sheet { break-before: page; }
        .sheet-note { margin: 0; height: 6mm; font-size: 8pt; color: var(--muted); }
        .sheet-grid { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: \(paper.cardHeight);
          border-top: 1px dashed #6B7280; border-left: 1px dashed #6B7280; }
        .card { border-right: 1px dashed #6B7280; border-bottom: 1px dashed #6B7280; padding: 7mm 6mm 5mm; overflow: hidden;
          break-inside: avoid; page-break-inside: avoid; display: flex; flex-direction: column; }
        .card-name { font-size: 19pt; font-weight: bold; line-height: 1.15; }
        .card-sub { font-size: 9.5pt; color: var(--muted); margin-top: 2px; }
        .card-seats { margin: auto 0 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; align-items: baseline; }
        .card-seats dt { font-size: 9pt; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
        .card-seats dd { margin: 0; font-size: 15pt; font-weight: bold; }
        .card-seats dd small { font-size: 9pt; font-weight: normal; color: var(--muted); }
        @media print {
          main { max-width: none; padding: 0; }
          .tables { grid-template-columns: 1fr 1fr; }
        }
        """
    }
}
