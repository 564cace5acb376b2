package rules

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// SchemaVersion is the version of the JSON report contract.
const SchemaVersion = 1

// Scorecard is the result of an audit; its JSON form is the report
// contract of DESIGN.md, and every report format is a view of it.
type Scorecard struct {
	SchemaVersion int    `json:"schema_version"`
	Tool          Tool   `json:"tool"`
	Target        Target `json:"target"`
	Profile       string `json:"profile"`
	Score         int    `json:"score"`
	Grade         string `json:"grade"`
	// Coverage is the share (0..1) of the profile's weight that could be
	// judged; skipped criteria leave the weighting.
	Coverage float64           `json:"coverage"`
	Criteria []CriterionResult `json:"criteria"`
	Fixes    []Fix             `json:"fixes"`
	// Questions are the questions an interviewer would ask about the
	// project's schema, most likely first; none when no schema was read.
	Questions []Question `json:"questions,omitempty"`
	Facts     *Facts     `json:"facts"`
	// Notes are things the audit wants the reader to know (a capped
	// history, a skipped probe, a file too large to scan).
	Notes []string `json:"notes,omitempty"`
	// Config records the settings the audit applied from a configuration
	// file and flags; nil when neither changed the defaults.
	Config *Applied `json:"config,omitempty"`
	// Gates are the must-haves (authentication, a database with
	// migrations, more than hello world); Cap is set when failed gates
	// hold the grade down, and NextGrade says what the next grade needs.
	Gates     []Gate     `json:"gates,omitempty"`
	Cap       *Cap       `json:"cap,omitempty"`
	NextGrade *NextGrade `json:"next_grade,omitempty"`
	// AuditedAt is when the audit ran (RFC 3339, UTC); empty in a
	// scorecard built by another program.
	AuditedAt string `json:"audited_at,omitempty"`
}

// Applied records the effective settings of an audit and where they came
// from, so a report shows why it scored the way it did.
type Applied struct {
	// Path is the configuration file read, "" when none.
	Path string `json:"path,omitempty"`
	// ProfileSource is where the profile came from: flag, config or default.
	ProfileSource string `json:"profile_source"`
	// Weights are the criterion weights after overrides, set when the
	// configuration overrides any.
	Weights map[string]float64 `json:"weights,omitempty"`
	// Suppressed maps each check turned off to the reason given.
	Suppressed map[string]string `json:"suppressed,omitempty"`
	// Ignore are the path patterns left out of the audit, and IgnoredFiles
	// how many files they removed.
	Ignore       []string `json:"ignore,omitempty"`
	IgnoredFiles int      `json:"ignored_files,omitempty"`
	// FailUnder is the overall score the audit must reach, nil when none.
	FailUnder *int `json:"fail_under,omitempty"`
	// Minimums are the scores each named criterion must reach.
	Minimums map[string]int `json:"minimums,omitempty"`
	// Source is where the configuration file came from: "repository"
	// (the audited project's own .vetfolio.yaml) or "file" (--config).
	Source string `json:"source,omitempty"`
	// RubricChanged is set when the configuration turned checks off or
	// changed weights, so a reader can tell the score is not the default
	// rubric's; reports mark the grade with a "*".
	RubricChanged bool `json:"rubric_changed,omitempty"`
	// Strict is set when --strict left the repository's suppressions,
	// weights and profile out; Ignored names what was left out.
	Strict  bool     `json:"strict,omitempty"`
	Ignored []string `json:"ignored,omitempty"`
	// Inline counts the checks turned off by "vetfolio:ignore" comments in
	// the code (they are in Suppressed too, with their file and line).
	Inline int `json:"inline,omitempty"`
}

// Marked reports whether the rubric was changed by a configuration, so
// a grade should carry a mark ("B*").
func (sc *Scorecard) Marked() bool { return sc.Config != nil && sc.Config.RubricChanged }

// GradeMark is the grade with "*" when a configuration changed the rubric.
func (sc *Scorecard) GradeMark() string {
	if sc.Marked() {
		return sc.Grade + "*"
	}
	return sc.Grade
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Target is what was audited.
type Target struct {
	// Kind is local or github.
	Kind   string `json:"kind"`
	Path   string `json:"path,omitempty"`
	Repo   string `json:"repo,omitempty"`
	Commit string `json:"commit,omitempty"`
	URL    string `json:"url,omitempty"`
	// Label is a display name given by the user (cohort audits).
	Label string `json:"label,omitempty"`
	// Remote is owner/name of a local checkout's origin on github.com,
	// and Folder the audited folder's path from that repository's root:
	// reports link evidence to the file there at Commit.
	Remote string `json:"remote,omitempty"`
	Folder string `json:"folder,omitempty"`
}

// CriterionResult is one criterion's score.
type CriterionResult struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	Weight float64       `json:"weight"`
	Score  int           `json:"score"`
	Status string        `json:"status"`
	Checks []CheckResult `json:"checks"`
}

// Statuses of a criterion.
const (
	StatusPass    = "pass"
	StatusPartial = "partial"
	StatusFail    = "fail"
	StatusSkipped = "skipped"
)

// CheckResult is one check's outcome.
type CheckResult struct {
	ID      string `json:"id"`
	Title   string `json:"title,omitempty"`
	Passed  bool   `json:"passed"`
	Skipped bool   `json:"skipped,omitempty"`
	// Suppressed is set when the configuration turned the check off; it is
	// then also Skipped, and Message is "not applied: <reason>".
	Suppressed bool       `json:"suppressed,omitempty"`
	Message    string     `json:"message"`
	Evidence   []Location `json:"evidence"`
}

// Fix is a change that would raise the score.
type Fix struct {
	Criterion string `json:"criterion"`
	Check     string `json:"check"`
	Title     string `json:"title"`
	// Gain is how many points of the overall score passing the check adds.
	Gain     float64    `json:"gain"`
	Steps    []string   `json:"steps"`
	Evidence []Location `json:"evidence,omitempty"`
}

// Options tune a scoring beyond the profile's weights.
type Options struct {
	// Suppressions maps check IDs to the reason they do not apply to the
	// project. A suppressed check counts like a skipped one and reads
	// "not applied: <reason>".
	Suppressions map[string]string
}

// SuppressedPrefix starts the message of a check turned off by configuration.
const SuppressedPrefix = "not applied: "

// Score runs every check of the rubric over the facts and weights the
// criteria by the profile.
func Score(f *Facts, p Profile) *Scorecard { return ScoreWith(f, p, Options{}) }

// ScoreWith is Score with suppressed checks. Checks the profile does not
// apply (another profile's extra checks) are left out of the scorecard.
func ScoreWith(f *Facts, p Profile, opt Options) *Scorecard {
	if f == nil {
		// Checks read the facts freely; nothing found is empty facts.
		f = &Facts{}
	}
	sc := &Scorecard{SchemaVersion: SchemaVersion, Profile: p.Name, Facts: f, Fixes: []Fix{}}
	if f.Stack.Unsupported != "" {
		sc.Notes = append(sc.Notes, unsupportedNote(f.Stack.Unsupported))
	}
	type pending struct {
		fix    Fix
		weight float64 // criterion weight
		share  float64 // check's share of the criterion's applicable points
	}
	var todo []pending
	var judgedWeight, totalWeight, weighted float64
	results := map[string]CheckResult{}
	for _, c := range All() {
		w := p.Weights[c.ID]
		totalWeight += w
		cr := CriterionResult{ID: c.ID, Title: c.Title, Weight: w}
		var got, possible float64
		var failing []pending
		for _, k := range c.Checks {
			if !p.Applies(k.ID) || (k.Needs != nil && !k.Needs(f)) {
				continue
			}
			reason, off := opt.Suppressions[k.ID]
			// A must-have cannot be configured away: it still runs and
			// counts, and says it was asked to be off.
			countedAnyway := off && mustHave(k.ID)
			if countedAnyway {
				off = false
				sc.Notes = append(sc.Notes, fmt.Sprintf("%s is a must-have and counts although the configuration turns it off", k.ID))
			}
			if off {
				cr.Checks = append(cr.Checks, CheckResult{ID: k.ID, Title: k.Title, Skipped: true, Suppressed: true,
					Message: SuppressedPrefix + reason, Evidence: []Location{}})
				sc.Notes = append(sc.Notes, fmt.Sprintf("%s %s%s", k.ID, SuppressedPrefix, reason))
				continue
			}
			r := k.Run(f)
			if f.Stack.Unsupported != "" && readsCode[c.ID] {
				r = Skip(f.Stack.Unsupported + " is not supported yet: vetfolio cannot read its code")
			}
			ev := r.Evidence
			if ev == nil {
				ev = []Location{}
			}
			res := CheckResult{ID: k.ID, Title: k.Title, Passed: r.Passed && !r.Skipped,
				Skipped: r.Skipped, Message: r.Message, Evidence: ev}
			if countedAnyway {
				res.Suppressed = true
				res.Message = fmt.Sprintf("must-have, counted although the configuration turns it off (%s): %s", reason, r.Message)
			}
			results[k.ID] = res
			cr.Checks = append(cr.Checks, res)
			if r.Skipped {
				continue
			}
			possible += k.Points
			if r.Passed {
				got += k.Points
				continue
			}
			steps := r.Steps
			if len(steps) == 0 {
				steps = k.Fix(fixStack(f))
			}
			failing = append(failing, pending{fix: Fix{Criterion: c.ID, Check: k.ID, Title: k.Title,
				Steps: steps, Evidence: r.Evidence}, weight: w, share: k.Points})
		}
		if possible == 0 {
			cr.Status = StatusSkipped
			sc.Criteria = append(sc.Criteria, cr)
			continue
		}
		ratio := got / possible
		cr.Score = int(math.Round(ratio * 100))
		cr.Status = statusFor(cr.Score)
		judgedWeight += w
		weighted += w * ratio
		// A criterion weighted 0 is still shown, but fixing it gains
		// nothing, so it offers no fixes.
		for _, fp := range failing {
			if w <= 0 {
				break
			}
			fp.share /= possible
			todo = append(todo, fp)
		}
		sc.Criteria = append(sc.Criteria, cr)
	}
	if judgedWeight > 0 {
		sc.Score = int(math.Round(weighted / judgedWeight * 100))
		for _, t := range todo {
			t.fix.Gain = math.Round(t.weight*t.share/judgedWeight*1000) / 10
			sc.Fixes = append(sc.Fixes, t.fix)
		}
	}
	if totalWeight > 0 {
		sc.Coverage = math.Round(judgedWeight/totalWeight*100) / 100
	}
	sort.SliceStable(sc.Fixes, func(i, j int) bool { return sc.Fixes[i].Gain > sc.Fixes[j].Gain })
	sc.applyGates(results)
	sc.Questions = Questions(f)
	return sc
}

// BelowMinimums lists the criteria whose score is under the minimum asked
// for, as "auth (40 < 60)", in report order. A skipped criterion could not
// be judged and is never below its minimum.
func (sc *Scorecard) BelowMinimums(minimums map[string]int) []string {
	var below []string
	for _, cr := range sc.Criteria {
		m, ok := minimums[cr.ID]
		if !ok || cr.Status == StatusSkipped || cr.Score >= m {
			continue
		}
		below = append(below, fmt.Sprintf("%s (%d < %d)", cr.ID, cr.Score, m))
	}
	return below
}

func statusFor(score int) string {
	switch {
	case score >= 75:
		return StatusPass
	case score >= 35:
		return StatusPartial
	default:
		return StatusFail
	}
}

// GradeFor maps an overall score to a letter grade.
func GradeFor(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 80:
		return "B"
	case score >= 65:
		return "C"
	case score >= 50:
		return "D"
	default:
		return "F"
	}
}

// fixStack is the stack a fix is tailored to: the project's stack with the
// ORM it uses and the file that starts it, so that the advice names them
// (a Mongoose project is not told to write Prisma migrations).
func fixStack(f *Facts) Stack {
	s := f.Stack
	s.ORM = f.Database.ORM
	s.Entry = f.Routes.Entry
	s.Migrations = f.Schema.Tool
	if s.Migrations == "" || f.Schema.Source == "models" {
		s.Migrations = f.Migrations.Tool
	}
	return s
}

// readsCode are the criteria judged from the application's code, through
// its stack pack: on a stack no pack knows they are skipped, not failed.
var readsCode = map[string]bool{"auth": true, "database": true, "errors": true, "logging": true, "scope": true}

// unsupportedNote tells the reader which criteria still apply.
func unsupportedNote(stack string) string {
	var still []string
	for _, c := range All() {
		if !readsCode[c.ID] {
			still = append(still, c.Title)
		}
	}
	return stack + " is not supported yet; these checks still apply: " + strings.Join(still, ", ")
}
