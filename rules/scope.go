package rules

// scopeCriterion is a stub, to be written.
var scopeCriterion = &Criterion{
	ID:    "scope",
	Title: "Beyond hello world",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "scope.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
