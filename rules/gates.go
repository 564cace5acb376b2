package rules

import (
	"fmt"
	"sort"
	"strings"
)

// A Gate is a must-have of the guide: a REST API "with no authentication,
// error handling, or database design is not a demonstrable backend skill",
// and neither is a hello-world CRUD. A project that fails a gate cannot
// earn a grade above the gate's cap, however well it does elsewhere.
type Gate struct {
	// ID names the gate (auth, database, scope).
	ID string `json:"id"`
	// Title says what the gate asks for.
	Title string `json:"title"`
	// Passed is false when the project lacks the must-have.
	Passed bool `json:"passed"`
	// Judged is false when the checks behind the gate were all skipped
	// (a GraphQL API, an offline audit): an unjudged gate caps nothing.
	Judged bool `json:"judged"`
	// Checks are the check IDs behind the gate.
	Checks []string `json:"checks"`
	// Message says what is missing; Lift says what lifts the cap.
	Message string `json:"message,omitempty"`
	Lift    string `json:"lift,omitempty"`
}

// Cap records that failed gates held the score and grade down.
type Cap struct {
	// Grade is the best grade the project can have until the gates pass,
	// and Score the matching ceiling on the overall score.
	Grade string `json:"grade"`
	Score int    `json:"score"`
	// Uncapped is the score the checks alone would give.
	Uncapped int `json:"uncapped"`
	// By lists the failed gates' IDs.
	By []string `json:"by"`
}

// NextGrade says what the next grade up needs: the fewest top fixes whose
// gains reach it, gates first.
type NextGrade struct {
	Grade  string   `json:"grade"`
	Points int      `json:"points"`
	Checks []string `json:"checks"`
}

// gateSpec is a must-have: it passes when any of its alternatives passes
// entirely (a project whose deployed API refuses anonymous calls has
// protected routes even if the code reading missed them).
type gateSpec struct {
	id, title, lift string
	all             []string // every one must pass
	orLive          string   // or this single check passes on what the deployment did
	anyOf           bool     // the checks in all are alternatives: one passing is enough
}

var gateSpecs = []gateSpec{
	{id: "auth", title: "Working authentication", all: []string{"auth.mechanism", "auth.protected-routes"}, orLive: "auth.live-enforced",
		lift: "add JWT, OAuth or session authentication and require it on the routes that change data"},
	{id: "database", title: "A database with migrations", all: []string{"database.migrations"},
		lift: "keep the schema in versioned migrations with the project's migration tool"},
	{id: "scope", title: "More than a hello-world CRUD", all: []string{"scope.endpoints", "scope.resources"}, anyOf: true,
		lift: "grow the API past a single resource: at least 3 related resources or 8 endpoints"},
}

// mustHave reports whether a check stands behind a gate. Such a check can
// be turned off in the configuration, but it still counts: a suppressed
// must-have never reads as passed.
func mustHave(id string) bool { return GateOf(id) != "" }

// Gate caps: one failed gate holds the grade at D, two or more at F.
const (
	capOneGate   = 64
	capManyGates = 49
)

// judgeGates decides the gates from the scorecard's check results.
func judgeGates(results map[string]CheckResult) []Gate {
	var gates []Gate
	for _, g := range gateSpecs {
		gate := Gate{ID: g.id, Title: g.title, Checks: append([]string(nil), g.all...), Lift: g.lift}
		var failed []string
		judged, passedAny := 0, false
		for _, id := range g.all {
			r, ok := results[id]
			if !ok || (r.Skipped && !r.Suppressed) {
				continue
			}
			judged++
			if r.Passed {
				passedAny = true
			} else {
				failed = append(failed, withoutWhere(strings.TrimPrefix(r.Message, SuppressedPrefix)))
			}
		}
		if live, ok := results[g.orLive]; ok && live.Passed {
			// What the deployment did wins over what the code reading missed.
			gate.Judged, gate.Passed = true, true
			gate.Message = "seen live: " + live.Message
			gates = append(gates, gate)
			continue
		}
		gate.Judged = judged > 0
		switch {
		case !gate.Judged:
			gate.Passed = true
			gate.Message = "not judged: its checks were skipped"
		case g.anyOf:
			gate.Passed = passedAny
		default:
			gate.Passed = len(failed) == 0
		}
		if !gate.Passed {
			gate.Message = strings.Join(failed, "; ")
		}
		gates = append(gates, gate)
	}
	return gates
}

// applyGates caps the score and grade when gates failed, and works out
// what the next grade needs.
func (sc *Scorecard) applyGates(results map[string]CheckResult) {
	sc.Gates = judgeGates(results)
	var by []string
	for _, g := range sc.Gates {
		if !g.Passed {
			by = append(by, g.ID)
		}
	}
	ceiling := 100
	switch {
	case len(by) == 1:
		ceiling = capOneGate
	case len(by) > 1:
		ceiling = capManyGates
	}
	if len(by) > 0 {
		// Set even when the score is already below the ceiling: the gates
		// still say why, and the next grade still needs them.
		sc.Cap = &Cap{Grade: GradeFor(ceiling), Score: ceiling, Uncapped: sc.Score, By: by}
		sc.Score = min(sc.Score, ceiling)
	}
	sc.Grade = GradeFor(sc.Score)
	sc.NextGrade = sc.nextGrade()
}

// gradeSteps are the lowest scores of each grade, best first.
var gradeSteps = []struct {
	grade string
	min   int
}{{"A", 90}, {"B", 80}, {"C", 65}, {"D", 50}}

// nextGrade picks the fixes that reach the next grade: those of failed
// gates first (nothing above the cap counts until they pass), then by gain.
func (sc *Scorecard) nextGrade() *NextGrade {
	target := ""
	need := 0
	for i := len(gradeSteps) - 1; i >= 0; i-- {
		if sc.Score < gradeSteps[i].min {
			target, need = gradeSteps[i].grade, gradeSteps[i].min
			break
		}
	}
	if target == "" {
		return nil
	}
	uncapped := float64(sc.Score)
	failedGate := map[string]bool{}
	if sc.Cap != nil {
		uncapped = float64(sc.Cap.Uncapped)
		for _, id := range sc.Cap.By {
			failedGate[id] = true
		}
	}
	gateOf := map[string]string{}
	for _, g := range gateSpecs {
		if failedGate[g.id] {
			for _, c := range g.all {
				gateOf[c] = g.id
			}
		}
	}
	// Each failed gate's fixes, and what they gain together.
	type gateFix struct {
		checks []string
		gain   float64
	}
	gates := map[string]*gateFix{}
	for _, fx := range sc.Fixes {
		g := gateOf[fx.Check]
		if g == "" {
			continue
		}
		gf := gates[g]
		if gf == nil {
			gf = &gateFix{}
			gates[g] = gf
		}
		if gateSpecByID(g).anyOf && len(gf.checks) > 0 {
			continue // one alternative is enough
		}
		gf.checks = append(gf.checks, fx.Check)
		gf.gain += fx.Gain
	}
	// A D allows one failed gate; anything above allows none.
	allowed := 0
	if need <= capOneGate {
		allowed = 1
	}
	order := make([]string, 0, len(gates))
	for g := range gates {
		order = append(order, g)
	}
	sort.Slice(order, func(i, j int) bool {
		if gates[order[i]].gain != gates[order[j]].gain {
			return gates[order[i]].gain > gates[order[j]].gain
		}
		return order[i] < order[j]
	})
	var picked []string
	score := uncapped
	for i, g := range order {
		if len(order)-i <= allowed {
			break
		}
		picked = append(picked, gates[g].checks...)
		score += gates[g].gain
	}
	for _, fx := range sc.Fixes {
		if score >= float64(need)-0.5 {
			break
		}
		if gateOf[fx.Check] != "" {
			continue
		}
		picked = append(picked, fx.Check)
		score += fx.Gain
	}
	return &NextGrade{Grade: target, Points: need - sc.Score, Checks: picked}
}

func gateSpecByID(id string) gateSpec {
	for _, g := range gateSpecs {
		if g.id == id {
			return g
		}
	}
	return gateSpec{}
}

// CapLine says in one line which gates capped the grade and what lifts
// them, for the reports; "" when nothing capped it.
func (sc *Scorecard) CapLine() string {
	if sc.Cap == nil {
		return ""
	}
	var parts []string
	for _, g := range sc.Gates {
		if !g.Passed {
			parts = append(parts, fmt.Sprintf("%s (%s)", lowerFirst(g.Title), g.Lift))
		}
	}
	held := "held at"
	if sc.Cap.Uncapped <= sc.Cap.Score {
		held = "at most"
	}
	return fmt.Sprintf("grade %s %s until the must-haves pass: %s", held, sc.Cap.Grade, strings.Join(parts, "; "))
}

// GateOf names the gate a check stands behind ("" when it is not a
// must-have), for 'vetfolio rules explain'.
func GateOf(checkID string) string {
	for _, g := range gateSpecs {
		for _, c := range g.all {
			if c == checkID {
				return g.title
			}
		}
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// withoutWhere drops the "looked for ... in ..." tail of a FAIL message:
// the gate says what is missing, the check itself says where it looked.
func withoutWhere(msg string) string {
	for _, sep := range []string{": looked ", "; looked "} {
		if i := strings.Index(msg, sep); i >= 0 {
			return msg[:i]
		}
	}
	return msg
}
