import CGLPK
import Foundation
import MIP

/// Solves an ``IntegerProgram`` with GLPK's branch-and-cut on the calling thread.
///
/// Every call creates, solves and deletes its own problem object in one
/// synchronous call, so it is safe to call from many threads at once (Debian's
/// GLPK keeps its environment thread-local). It blocks the calling thread for the
/// whole solve: call it from a dedicated thread, not from Swift's cooperative pool.
public enum GLPKSolver {
    /// Solves `program`, optionally seeded with `warmStart` (a full column vector
    /// that must satisfy the program; it is checked and ignored otherwise).
    ///
    /// - Throws: ``ProgramError`` when the program would make GLPK abort.
    public static func solve(
        _ program: IntegerProgram,
        options: MIPOptions = MIPOptions(),
        warmStart: [Double]? = nil,
        stop: StopFlag? = nil,
        progress: (@Sendable (MIPProgress) -> Void)? = nil
    ) throws(ProgramError) -> MIPResult {
        try program.validate()
        if let limit = options.timeLimit, !(limit >= 0 && limit.isFinite) {
            throw ProgramError("time limit \(limit) is not a non-negative number of seconds")
        }
        guard options.relativeGap.isFinite, options.relativeGap >= 0 else {
            throw ProgramError("relative gap \(options.relativeGap) is not a non-negative number")
        }
        let start = Date()
        let seed = warmStart.flatMap { program.isFeasible($0) ? $0 : nil }
        let problem = Problem(program)
        defer { problem.release() }
        return problem.solve(options: options, warmStart: seed, stop: stop, progress: progress, start: start)
    }

    /// Solves the continuous relaxation of `program` (integrality ignored) with the
    /// simplex method and returns its optimum with the rows' dual values.
    ///
    /// - Throws: ``ProgramError`` when the program would make GLPK abort.
    public static func solveRelaxation(_ program: IntegerProgram, timeLimit: Double? = nil) throws(ProgramError) -> LPResult {
        try program.validate()
        if let limit = timeLimit, !(limit >= 0 && limit.isFinite) {
            throw ProgramError("time limit \(limit) is not a non-negative number of seconds")
        }
        let problem = Problem(program)
        defer { problem.release() }
        return problem.solveRelaxation(rowCount: program.rows.count, timeLimit: timeLimit)
    }

    /// Writes `program` in CPLEX LP format to `path` (for export and debugging).
    public static func writeLP(_ program: IntegerProgram, to path: String) throws(ProgramError) {
        try program.validate()
        let problem = Problem(program)
        defer { problem.release() }
        guard glp_write_lp(problem.pointer, nil, path) == 0 else {
            throw ProgramError("GLPK could not write \(path)")
        }
    }

    /// Writes `program` in free MPS format to `path`.
    public static func writeMPS(_ program: IntegerProgram, to path: String) throws(ProgramError) {
        try program.validate()
        let problem = Problem(program)
        defer { problem.release() }
        guard glp_write_mps(problem.pointer, GLP_MPS_FILE, nil, path) == 0 else {
            throw ProgramError("GLPK could not write \(path)")
        }
    }
}

/// Owns one `glp_prob` for the duration of a synchronous call.
private final class Problem {
    let pointer: OpaquePointer
    let columnCount: Int

    init(_ program: IntegerProgram) {
        glp_term_out(GLP_OFF)
        pointer = glp_create_prob()
        columnCount = program.columns.count
        glp_set_obj_dir(pointer, GLP_MIN)
        glp_set_obj_coef(pointer, 0, program.objectiveConstant)
        if !program.rows.isEmpty { glp_add_rows(pointer, Int32(program.rows.count)) }
        glp_add_cols(pointer, Int32(program.columns.count))
        for (index, column) in program.columns.enumerated() {
            let j = Int32(index + 1)
            glp_set_col_name(pointer, j, column.name)
            if column.isInteger {
                glp_set_col_kind(pointer, j, column.lower == 0 && column.upper == 1 ? GLP_BV : GLP_IV)
            }
            let (type, lower, upper) = Self.bounds(column.lower, column.upper)
            glp_set_col_bnds(pointer, j, type, lower, upper)
            glp_set_obj_coef(pointer, j, column.cost)
        }
        var ia: [Int32] = [0]
        var ja: [Int32] = [0]
        var ar: [Double] = [0]
        for (index, row) in program.rows.enumerated() {
            let i = Int32(index + 1)
            glp_set_row_name(pointer, i, row.name)
            let (type, lower, upper) = Self.bounds(row.lower, row.upper)
            glp_set_row_bnds(pointer, i, type, lower, upper)
            for term in row.terms {
                ia.append(i)
                ja.append(Int32(term.column + 1))
                ar.append(term.coefficient)
            }
        }
        if ia.count > 1 { glp_load_matrix(pointer, Int32(ia.count - 1), ia, ja, ar) }
    }

    static func bounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (true, true): return (lower == upper ? GLP_FX : GLP_DB, lower, upper)
        }
    }

    func release() {
        glp_delete_prob(pointer)
        glp_free_env()
    }

    func solveRelaxation(rowCount: Int, timeLimit: Double?) -> LPResult {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        if let timeLimit { parameters.tm_lim = Int32(max(1, min(Double(Int32.max - 1), (timeLimit * 1000).rounded(.up)))) }
        glp_adv_basis(pointer, 0)
        let code = glp_simplex(pointer, &parameters)
        let status = glp_get_status(pointer)
        guard code == 0 else { return LPResult(status: .undecided("glp_simplex returned \(code)"), values: nil, objective: nil, rowDuals: nil) }
        switch status {
        case GLP_OPT:
            let values = (0..<columnCount).map { glp_get_col_prim(pointer, Int32($0 + 1)) }
            let duals = (0..<rowCount).map { glp_get_row_dual(pointer, Int32($0 + 1)) }
            return LPResult(status: .optimal, values: values, objective: glp_get_obj_val(pointer), rowDuals: duals)
        case GLP_NOFEAS: return LPResult(status: .infeasible, values: nil, objective: nil, rowDuals: nil)
        case GLP_UNBND: return LPResult(status: .unbounded, values: nil, objective: nil, rowDuals: nil)
        default: return LPResult(status: .undecided("status \(status)"), values: nil, objective: nil, rowDuals: nil)
        }
    }

    func solve(
        options: MIPOptions, warmStart: [Double]?, stop: StopFlag?,
        progress: (@Sendable (MIPProgress) -> Void)?, start: Date
    ) -> MIPResult {
        let deadline = options.timeLimit.map { start.addingTimeInterval($0) }
        func remainingMilliseconds() -> Int32 {
            guard let deadline else { return Int32.max }
            let left = deadline.timeIntervalSinceNow * 1000
            return Int32(max(0, min(Double(Int32.max - 1), left.rounded(.down))))
        }
        func finish(_ termination: MIPTermination, bound: Double? = nil) -> MIPResult {
            MIPResult(
                termination: termination, values: nil, objective: nil, bound: bound,
                seconds: Date().timeIntervalSince(start))
        }

        // Root LP (GLPK's branch-and-cut needs an optimal basis when its presolver is off).
        var lp = glp_smcp()
        glp_init_smcp(&lp)
        lp.msg_lev = GLP_MSG_OFF
        lp.meth = GLP_DUALP
        lp.tm_lim = remainingMilliseconds()
        glp_adv_basis(pointer, 0)
        let lpCode = glp_simplex(pointer, &lp)
        let lpStatus = glp_get_status(pointer)
        if lpStatus == GLP_NOFEAS { return finish(.infeasible) }
        if lpCode == GLP_ETMLIM || (lpCode == 0 && lpStatus != GLP_OPT) {
            if lpCode == GLP_ETMLIM { return finish(.timeLimit) }
            return finish(.failed("the root LP ended with status \(lpStatus)"))
        }
        if lpCode != 0 { return finish(.failed("the root LP failed with code \(lpCode)")) }
        if stop?.isStopped == true { return finish(.stopped, bound: glp_get_obj_val(pointer)) }

        let context = SearchContext(
            columnCount: columnCount, warmStart: warmStart, stop: stop, deadline: deadline,
            progress: progress, start: start, rootBound: glp_get_obj_val(pointer), floor: options.objectiveFloor)
        let info = Unmanaged.passRetained(context)
        defer { info.release() }

        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        parameters.mir_cuts = options.cuts ? GLP_ON : GLP_OFF
        parameters.br_tech = GLP_BR_PCH
        parameters.bt_tech = GLP_BT_BLB
        parameters.mip_gap = options.relativeGap
        parameters.tm_lim = remainingMilliseconds()
        parameters.cb_func = searchCallback
        parameters.cb_info = info.toOpaque()
        let code = glp_intopt(pointer, &parameters)
        let status = glp_mip_status(pointer)

        var values: [Double]?
        var objective: Double?
        if status == GLP_OPT || status == GLP_FEAS {
            var column: [Double] = []
            column.reserveCapacity(columnCount)
            for j in 1...columnCount {
                let value = glp_mip_col_val(pointer, Int32(j))
                column.append(glp_get_col_kind(pointer, Int32(j)) == GLP_CV ? value : value.rounded())
            }
            values = column
            objective = glp_mip_obj_val(pointer)
        }
        let termination: MIPTermination
        switch code {
        case 0:
            termination = status == GLP_NOFEAS ? .infeasible : (status == GLP_OPT ? .optimal : .failed("status \(status)"))
        case GLP_ETMLIM: termination = .timeLimit
        case GLP_ESTOP:
            termination = context.reachedFloor ? .gapReached : (context.stoppedForTime ? .timeLimit : .stopped)
        case GLP_EMIPGAP: termination = .gapReached
        case GLP_ENOPFS: termination = .infeasible
        default: termination = .failed("glp_intopt returned \(code)")
        }
        var bound = context.bound
        if termination == .optimal, let objective { bound = objective }
        if let floor = options.objectiveFloor { bound = max(bound ?? floor, floor) }
        if termination == .gapReached, let objective, bound == nil { bound = objective / (1 + options.relativeGap) }
        if let objective, let known = bound { bound = min(known, objective) }
        return MIPResult(
            termination: termination, values: values, objective: objective, bound: bound,
            seconds: Date().timeIntervalSince(start))
    }
}

/// State shared with the C callback through `cb_info`.
private final class SearchContext {
    let columnCount: Int
    var warmStart: [Double]?
    let stop: StopFlag?
    let deadline: Date?
    let progress: (@Sendable (MIPProgress) -> Void)?
    let start: Date
    var bound: Double?
    var stoppedForTime = false
    var reachedFloor = false
    let floor: Double?
    var lastReport = Date.distantPast
    /// Seconds one of GLPK's pseudocost evaluations takes on this model (measured once).
    var evaluation: Double?

    init(
        columnCount: Int, warmStart: [Double]?, stop: StopFlag?, deadline: Date?,
        progress: (@Sendable (MIPProgress) -> Void)?, start: Date, rootBound: Double, floor: Double?
    ) {
        self.floor = floor
        self.columnCount = columnCount
        self.warmStart = warmStart
        self.stop = stop
        self.deadline = deadline
        self.progress = progress
        self.start = start
        self.bound = rootBound.isFinite ? rootBound : nil
    }
}

private let searchCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
    guard let tree, let info else { return }
    let context = Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue()
    let reason = glp_ios_reason(tree)
    let best = glp_ios_best_node(tree)
    if best != 0 {
        let nodeBound = glp_ios_node_bound(tree, best)
        if nodeBound.isFinite { context.bound = max(context.bound ?? -.infinity, nodeBound) }
    }
    if reason == GLP_IHEUR, let seed = context.warmStart {
        context.warmStart = nil
        var x = [0.0] + seed
        _ = glp_ios_heur_sol(tree, &x)
    }
    if reason == GLP_IBRANCH { branchInTime(tree, context) }
    let now = Date()
    if let floor = context.floor {
        let problem = glp_ios_get_prob(tree)
        if glp_mip_status(problem) == GLP_FEAS, glp_mip_obj_val(problem) <= floor + 1e-9 * max(1, abs(floor)) {
            context.reachedFloor = true
            glp_ios_terminate(tree)
            return
        }
    }
    if context.stop?.isStopped == true {
        glp_ios_terminate(tree)
    } else if let deadline = context.deadline, now >= deadline {
        context.stoppedForTime = true
        glp_ios_terminate(tree)
    }
    if let progress = context.progress, now.timeIntervalSince(context.lastReport) >= 0.25 || reason == GLP_IBINGO {
        context.lastReport = now
        let problem = glp_ios_get_prob(tree)
        let incumbent: Double? = glp_mip_status(problem) == GLP_FEAS ? glp_mip_obj_val(problem) : nil
        progress(MIPProgress(elapsed: now.timeIntervalSince(context.start), incumbent: incumbent, bound: context.bound))
    }
}

/// Chooses the branching variable itself (the most fractional one) when GLPK's pseudocost
/// branching could not finish in the time left. Before branching on a variable for the first
/// time, GLPK evaluates it by copying the whole problem and running up to 30 dual simplex
/// iterations, twice, for every fractional variable, and checks no time limit meanwhile
/// (measured on a 100-attendee session: 1,093 integer columns, 60,766 nonzeros; 10 s asked,
/// 17.8 s taken). One such evaluation is timed here, the same way GLPK makes it.
private func branchInTime(_ tree: OpaquePointer, _ context: SearchContext) {
    guard let deadline = context.deadline, let problem = glp_ios_get_prob(tree) else { return }
    var fractional: [(column: Int32, part: Double)] = []
    let n = glp_get_num_cols(problem)
    guard n > 0 else { return }
    for j in 1...n where glp_ios_can_branch(tree, j) != 0 {
        let x = glp_get_col_prim(problem, j)
        fractional.append((j, x - x.rounded(.down)))
    }
    guard let first = fractional.first else { return }
    if context.evaluation == nil {
        let start = Date()
        let copy = glp_create_prob()
        glp_copy_prob(copy, problem, GLP_OFF)
        let x = glp_get_col_prim(problem, first.column).rounded(.down)
        glp_set_col_bnds(copy, first.column, GLP_FX, x, x)
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = GLP_DUAL
        parameters.it_lim = 30
        _ = glp_simplex(copy, &parameters)
        glp_delete_prob(copy)
        context.evaluation = Date().timeIntervalSince(start)
    }
    let needed = 2 * Double(fractional.count) * (context.evaluation ?? 0)
    guard needed > deadline.timeIntervalSinceNow * 0.5 else { return }
    let chosen = fractional.min { abs($0.part - 0.5) < abs($1.part - 0.5) } ?? first
    glp_ios_branch_upon(tree, chosen.column, chosen.part >= 0.5 ? GLP_UP_BRNCH : GLP_DN_BRNCH)
}
