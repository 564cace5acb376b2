package rules

// All returns the rubric's criteria in report order. Each criterion is
// declared in its own file beside this one.
func All() []*Criterion {
	return []*Criterion{
		authCriterion,
		databaseCriterion,
		apiDocsCriterion,
		deploymentCriterion,
		historyCriterion,
		errorsCriterion,
		testsCriterion,
		loggingCriterion,
		readmeCriterion,
		securityCriterion,
		scopeCriterion,
	}
}
