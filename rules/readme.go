package rules

// readmeCriterion is a stub, to be written.
var readmeCriterion = &Criterion{
	ID:    "readme",
	Title: "README",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "readme.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
