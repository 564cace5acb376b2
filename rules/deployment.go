package rules

// deploymentCriterion is a stub, to be written.
var deploymentCriterion = &Criterion{
	ID:    "deployment",
	Title: "Live deployment",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "deployment.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
