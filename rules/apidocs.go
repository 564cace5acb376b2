package rules

// apiDocsCriterion is a stub, to be written.
var apiDocsCriterion = &Criterion{
	ID:    "api-docs",
	Title: "API documentation",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "api-docs.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
