extension Strings {
    /// The weekly paper sheets of results for families without electronic access (R19).
    static let englishPrintouts: [String: String] = [
        "capability.printouts.issue": "printing weekly result sheets and their issuance register",
        // The sheet
        "printout.title": "Weekly sheet of results",
        "printout.school": "School:",
        "printout.class": "Class:",
        "printout.student": "Student:",
        "printout.week": "Week:",
        "printout.number": "Sheet no.",
        "printout.standings": "Standing: {period}, marks so far",
        "printout.data_at": "Data as of:",
        "printout.signature": "Read by: ______________________ / ______________________ date ________",
        "printout.footer": "Sheet no. {number} · {class} · {student}",
        "printout.column.day": "Day",
        "printout.column.subject": "Subject",
        "printout.column.topic": "Topic",
        "printout.column.marks": "Marks (work type, weight)",
        "printout.column.attendance": "Attendance",
        "printout.column.homework": "Homework",
        "printout.column.period_marks": "Marks of the period",
        "printout.column.average": "Average",
        "printout.column.forecast": "Forecast",
        "printout.mark": "{value} ({type}, ×{weight})",
        "printout.no_lessons": "No lessons this week",
        // Errors
        "error.printout_week":
            "The week of {week} does not fit: a sheet covers a week of the current school year from {start} to {end}.",
        "error.printout_not_in_class": "Students {students} are not in class {class}.",
        "error.printout_issued_to":
            "Say to whom the sheet was handed: a representative's or another person's name, at most {limit} characters.",
        "error.printout_already_issued": "Sheet no. {number} was already handed to {to}.",
        "error.printout_render": "The PDF could not be made: {reason}",
        "error.printout_output": "Cannot write the file {path}: {reason}",
        "problem.week_required": "Give the week: week=YYYY-MM-DD, its Monday or any day of it.",
        "problem.students_query": "students must be student ids separated by commas (students=12,15), not '{text}'.",
        // The page
        "printouts.page.title": "Result sheets of {class}",
        "printouts.page.intro":
            "Weekly paper sheets of results for families without electronic access (R19). Each sheet is numbered and entered in the issuance register.",
        "printouts.page.week": "Week",
        "printouts.page.show": "Show",
        "printouts.page.students": "Students of the class",
        "printouts.page.all": "Download the whole class's sheets (PDF)",
        "printouts.page.one": "Sheet (PDF)",
        "printouts.page.register": "Issuance register of the week",
        "printouts.page.empty": "No sheets were printed for this week yet.",
        "printouts.page.printed": "Printed",
        "printouts.page.issued": "Issued",
        "printouts.page.issued_to": "Handed to",
        "printouts.page.issue": "Mark as issued",
        "printouts.page.issued_done": "Sheet no. {number} is marked as issued.",
        "printouts.page.link": "Result sheets for parents",
        // The command line and the bench
        "printouts.cli.written": "{pages} pages, {sheets} sheets, written to {path}",
    ]
}
