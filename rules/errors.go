package rules

// errorsCriterion is a stub, to be written.
var errorsCriterion = &Criterion{
	ID:    "errors",
	Title: "Error handling",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "errors.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
