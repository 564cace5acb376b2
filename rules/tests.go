package rules

// testsCriterion is a stub, to be written.
var testsCriterion = &Criterion{
	ID:    "tests",
	Title: "Tests and CI",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "tests.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
