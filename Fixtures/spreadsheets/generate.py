#!/usr/bin/env python3
"""Writes conference.csv from ../conference.json: the same 150 attendees as an
organizer's registration export (UTF-8 with a byte-order mark, CRLF line ends, quoted
cells where needed), to be read with event.yaml.

    python3 Fixtures/spreadsheets/generate.py          # write conference.csv
    python3 Fixtures/spreadsheets/generate.py --check  # fail if conference.csv differs

Python 3 standard library only.
"""
import csv
import io
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent / "conference.json"
TARGET = HERE / "conference.csv"
COLUMNS = ["ID", "Name", "Family", "Party", "Country", "Industry", "Organization", "Role",
           "Languages", "Sessions", "Pin", "Topics", "Avoid"]
ATTRIBUTES = {"Party": "party", "Country": "country", "Industry": "industry",
              "Organization": "organization", "Role": "role", "Languages": "language"}


def cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return value


def pin(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return "; ".join(f"{session}:{table}" for session, table in value.items())


def render():
    request = json.loads(SOURCE.read_text(encoding="utf-8"))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for person in request["attendees"]:
        attributes = person.get("attributes", {})
        row = {
            "ID": person["id"], "Name": person.get("name", ""), "Family": person.get("group", ""),
            "Sessions": cell(person.get("sessions")), "Pin": pin(person.get("pin")),
            "Topics": cell(person.get("topics")), "Avoid": cell(person.get("avoid")),
        }
        for header, name in ATTRIBUTES.items():
            row[header] = cell(attributes.get(name))
        writer.writerow([row[column] for column in COLUMNS])
    return "\ufeff" + out.getvalue()


def main():
    text = render().encode("utf-8")
    if "--check" in sys.argv:
        if TARGET.read_bytes() != text:
            sys.exit(f"{TARGET.name} differs from a fresh generation; run {pathlib.Path(__file__).name}")
        print(f"{TARGET.name} is up to date")
        return
    TARGET.write_bytes(text)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
