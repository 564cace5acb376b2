package rules

import (
	"fmt"
	"regexp"
	"sort"
)

// Criterion is one part of the rubric, scored 0–100 from its checks.
type Criterion struct {
	// ID is one of auth, database, api-docs, deployment, history, errors,
	// tests, logging, readme, security, scope.
	ID string
	// Title is shown in reports ("Authentication").
	Title string
	// Doc says what a hiring manager looks for, in a sentence or two.
	Doc string
	// Checks run in order; their points add up to the criterion's score.
	Checks []*Check
}

// Check is one pure test of the facts.
type Check struct {
	// ID is "<criterion>.<name>", lower-case words joined by hyphens.
	ID string
	// Title is a short statement of what passing means ("Routes require authentication").
	Title string
	// Doc explains why the check matters and how it is judged.
	Doc string
	// Points is the check's share of its criterion; a criterion's score is
	// the points of passed checks over the points of applicable ones.
	Points float64
	// Run judges the facts. It must not do I/O.
	Run func(f *Facts) Result
	// Fix returns the steps that would make the check pass on the given
	// stack, each a verb phrase ("Add Alembic and generate a first migration").
	Fix func(s Stack) []string
	// NeutralFix says Fix's generic steps suit every stack as they are; a
	// stack pack's steps for the check only refine them. Any other check
	// whose steps are tailored to one stack must be tailored to every
	// stack the packs advise (fix_coverage_test.go).
	NeutralFix bool
	// Needs, when set, says whether the facts hold what the check judges
	// (a schema read from the migrations or models). A depth check whose
	// material is absent is left out of the scorecard, as another
	// profile's checks are, rather than adding a skipped line to every
	// report; Run still answers Skip for a program that calls it.
	Needs func(f *Facts) bool
}

// Result is what a check found.
type Result struct {
	Passed bool
	// Skipped is set when the check cannot be judged (no history, no live
	// probe); Message then says why.
	Skipped  bool
	Message  string
	Evidence []Location
	// Steps, when set, are the fixes for this very finding (a banner
	// header rather than a stack trace), shown instead of the check's Fix.
	Steps []string
}

// WithSteps returns r with the fixes that fit what it found.
func (r Result) WithSteps(steps ...string) Result {
	r.Steps = steps
	return r
}

// Pass, Fail and Skip build results.
func Pass(msg string, ev ...Location) Result { return Result{Passed: true, Message: msg, Evidence: ev} }

// Fail builds a failing result.
func Fail(msg string, ev ...Location) Result { return Result{Message: msg, Evidence: ev} }

// Skip builds a result for a check that cannot be judged.
func Skip(why string) Result { return Result{Skipped: true, Message: why} }

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)?$`)

// Validate rejects a rubric with missing documentation, malformed or
// duplicate IDs, or checks without a fix.
func Validate(criteria []*Criterion) error {
	seen := map[string]bool{}
	for _, c := range criteria {
		if !idPattern.MatchString(c.ID) || c.Title == "" || c.Doc == "" {
			return fmt.Errorf("criterion %q: needs a lower-case id, a title and a doc", c.ID)
		}
		if seen[c.ID] {
			return fmt.Errorf("criterion %q: duplicate id", c.ID)
		}
		seen[c.ID] = true
		if len(c.Checks) == 0 {
			return fmt.Errorf("criterion %q: has no checks", c.ID)
		}
		for _, k := range c.Checks {
			if !idPattern.MatchString(k.ID) || len(k.ID) <= len(c.ID) || k.ID[:len(c.ID)+1] != c.ID+"." {
				return fmt.Errorf("check %q: id must be %q followed by a name", k.ID, c.ID+".")
			}
			if seen[k.ID] {
				return fmt.Errorf("check %q: duplicate id", k.ID)
			}
			seen[k.ID] = true
			if k.Title == "" || k.Doc == "" || k.Run == nil || k.Fix == nil || k.Points <= 0 {
				return fmt.Errorf("check %q: needs a title, a doc, positive points, Run and Fix", k.ID)
			}
		}
	}
	return nil
}

// Lookup finds a criterion or check by ID.
func Lookup(id string) (*Criterion, *Check) {
	for _, c := range All() {
		if c.ID == id {
			return c, nil
		}
		for _, k := range c.Checks {
			if k.ID == id {
				return c, k
			}
		}
	}
	return nil, nil
}

// CheckIDs lists every check ID, sorted.
func CheckIDs() []string {
	var ids []string
	for _, c := range All() {
		for _, k := range c.Checks {
			ids = append(ids, k.ID)
		}
	}
	sort.Strings(ids)
	return ids
}
