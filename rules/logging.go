package rules

// loggingCriterion is a stub, to be written.
var loggingCriterion = &Criterion{
	ID:    "logging",
	Title: "Logging and health",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "logging.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
