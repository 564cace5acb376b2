// Package reportschema builds the JSON Schemas of vetfolio's JSON reports
// (a single report and a cohort report) from the Go types that write them,
// so a field added to rules.Scorecard or cohort.Report shows up in the
// schema without anyone editing it by hand. The fixed vocabularies of the
// contract (statuses, target kinds, criterion IDs, grades) are added as
// enums on top. schema/report.schema.json and schema/cohort.schema.json
// hold copies that a test keeps in sync.
package reportschema

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/internal/cohort"
	"github.com/vetfolio/vetfolio/rules"
)

// Where the schemas are published, for tools that fetch them.
const (
	ReportID = "https://raw.githubusercontent.com/vetfolio/vetfolio/main/schema/report.schema.json"
	CohortID = "https://raw.githubusercontent.com/vetfolio/vetfolio/main/schema/cohort.schema.json"
)

// Names lists the schemas Get knows, in the order `vetfolio schema` shows them.
var Names = []string{"report", "cohort"}

// Get returns the schema called name ("report" or "cohort"), and false
// for any other name.
func Get(name string) ([]byte, bool) {
	switch name {
	case "report":
		return Report(), true
	case "cohort":
		return Cohort(), true
	}
	return nil, false
}

// Report returns the JSON Schema of a single report (`--format json`).
func Report() []byte {
	g := newGen()
	root := g.object(reflect.TypeFor[rules.Scorecard](), "")
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = ReportID
	root["title"] = "vetfolio report (schema_version 1)"
	root["description"] = "The JSON report of one audit: `vetfolio audit --format json`. Every other format is a view of it. " +
		"Fields may be added within schema_version 1; none is renamed or dropped."
	root["$defs"] = g.defs
	return encode(root)
}

// Cohort returns the JSON Schema of a cohort report (`vetfolio audit A B
// --format json`, `vetfolio merge`). Each row's full report refers to the
// single report's schema.
func Cohort() []byte {
	g := newGen()
	root := g.object(reflect.TypeFor[cohort.Report](), "cohort")
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = CohortID
	root["title"] = "vetfolio cohort report (schema_version 1)"
	root["description"] = "The JSON report of a multi-target audit: one row per target, sorted by score, each with the target's full report."
	root["$defs"] = g.defs
	return encode(root)
}

func encode(v any) []byte {
	// Maps of strings, numbers, booleans and maps always encode.
	b, _ := json.MarshalIndent(v, "", "  ")
	return append(b, '\n')
}

// gen turns Go types into schemas. Named struct types become $defs so the
// document stays readable and recursive types terminate.
type gen struct {
	defs map[string]any
}

func newGen() *gen { return &gen{defs: map[string]any{}} }

// vocab holds the fixed vocabularies, by the JSON path of the property
// (dots between names, [] for array items) from the root of a single
// report; cohort paths start with "cohort".
func vocab() map[string]map[string]any {
	var criteria []string
	for _, c := range rules.All() {
		criteria = append(criteria, c.ID)
	}
	score := map[string]any{"type": "integer", "minimum": 0, "maximum": 100}
	status := map[string]any{"enum": []string{rules.StatusPass, rules.StatusPartial, rules.StatusFail, rules.StatusSkipped}}
	grade := map[string]any{"enum": []string{"A", "B", "C", "D", "F"}}
	checkID := map[string]any{"type": "string", "pattern": `^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$`}
	criterion := map[string]any{"enum": criteria}
	return map[string]map[string]any{
		"schema_version":               {"const": rules.SchemaVersion},
		"score":                        score,
		"grade":                        grade,
		"coverage":                     {"type": "number", "minimum": 0, "maximum": 1},
		"target.kind":                  {"enum": []string{"local", "github"}},
		"target.repo":                  {"type": "string", "pattern": `^[^/\s]+/[^/\s]+$`},
		"criteria[].id":                criterion,
		"criteria[].score":             score,
		"criteria[].status":            status,
		"criteria[].checks[].id":       checkID,
		"fixes[].criterion":            criterion,
		"fixes[].check":                checkID,
		"fixes[].gain":                 {"type": "number", "minimum": 0, "maximum": 100},
		"cohort.schema_version":        {"const": rules.SchemaVersion},
		"cohort.kind":                  {"const": cohort.Kind},
		"cohort.criteria[].id":         criterion,
		"cohort.summary[].criterion":   criterion,
		"cohort.summary[].checks[].id": checkID,
		"cohort.rows[].grade":          {"enum": []string{"A", "B", "C", "D", "F", ""}},
		"cohort.rows[].score":          {"type": "integer", "minimum": -1, "maximum": 100},
		"cohort.rows[].status":         {"type": "object", "propertyNames": criterion, "additionalProperties": status},
		"cohort.rows[].scores":         {"type": "object", "propertyNames": criterion, "additionalProperties": score},
		"cohort.rows[].report":         {"$ref": ReportID},
	}
}

// descriptions explain the properties whose meaning the name alone does
// not give, by the same paths as vocab.
var descriptions = map[string]string{
	"tool":                           "The program that wrote the report.",
	"target":                         "What was audited: a local folder (path) or a GitHub repository (repo), at commit, with its deployed URL.",
	"target.label":                   "A display name given in a cohort list.",
	"profile":                        "The job profile that weighted the criteria: saas, platform, agency or enterprise.",
	"score":                          "The overall score: the profile's weighted mean of the judged criteria.",
	"grade":                          "A (90+), B (80+), C (65+), D (50+), F.",
	"coverage":                       "The share (0..1) of the profile's weight that could be judged; skipped criteria leave the weighting.",
	"criteria":                       "One entry per criterion of the rubric, in rubric order.",
	"criteria[].status":              "pass at 75 or more, partial from 35, fail below; skipped when no check could be judged.",
	"criteria[].checks[].evidence":   "Where the check looked: a file and line, or a URL seen live.",
	"criteria[].checks[].suppressed": "The configuration turned the check off; it is then skipped and its message reads \"not applied: <reason>\".",
	"fixes":                          "Changes that would raise the score, most points gained first.",
	"fixes[].gain":                   "Points of the overall score that passing the check adds.",
	"facts":                          "What the audit found, for dashboards and tools; the checks read these.",
	"facts.secrets":                  "Committed secrets, by file and line; values are never written, only a redacted form.",
	"facts.live":                     "The live probe of the deployed URL; absent when it was not probed.",
	"notes":                          "Things the audit wants the reader to know (a capped history, a skipped probe).",
	"config":                         "The settings applied from a configuration file and flags; absent when neither changed the defaults.",
	"cohort.kind":                    "Marks a cohort report, apart from a single report.",
	"cohort.rows":                    "One row per target, sorted by score; targets that failed come last with score -1 and an error.",
	"cohort.rows[].report":           "The target's full single report.",
	"cohort.summary":                 "Per criterion: how many targets pass, and which checks fail most often.",
}

// jsonName returns a field's JSON name and whether it may be left out.
func jsonName(f reflect.StructField) (name string, optional, skip bool) {
	tag := f.Tag.Get("json")
	if tag == "-" || !f.IsExported() {
		return "", false, true
	}
	parts := strings.Split(tag, ",")
	name = parts[0]
	if name == "" {
		name = f.Name
	}
	optional = slices.Contains(parts[1:], "omitempty") || slices.Contains(parts[1:], "omitzero")
	return name, optional, false
}

func (g *gen) object(t reflect.Type, path string) map[string]any {
	props := map[string]any{}
	var required []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, optional, skip := jsonName(f)
		if skip {
			continue
		}
		p := join(path, name)
		props[name] = g.schema(f.Type, p)
		if !optional {
			required = append(required, name)
		}
	}
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// schema describes a value of type t found at path.
func (g *gen) schema(t reflect.Type, path string) map[string]any {
	s := g.typeSchema(t, path)
	if v, ok := vocab()[path]; ok {
		s = v
		if t.Kind() == reflect.Pointer {
			s = map[string]any{"anyOf": []any{v, map[string]any{"type": "null"}}}
		}
	}
	if d, ok := descriptions[path]; ok {
		s = withDescription(s, d)
	}
	return s
}

func withDescription(s map[string]any, d string) map[string]any {
	out := map[string]any{"description": d}
	for k, v := range s {
		out[k] = v
	}
	return out
}

func (g *gen) typeSchema(t reflect.Type, path string) map[string]any {
	switch {
	case t == reflect.TypeFor[json.RawMessage]():
		return map[string]any{}
	case t.PkgPath() == "time" && t.Name() == "Time":
		return map[string]any{"type": "string", "format": "date-time"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return map[string]any{"anyOf": []any{g.typeSchema(t.Elem(), path), map[string]any{"type": "null"}}}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		// A nil slice encodes as null.
		return map[string]any{"type": []string{"array", "null"}, "items": g.schema(t.Elem(), path+"[]")}
	case reflect.Map:
		return map[string]any{"type": []string{"object", "null"}, "additionalProperties": g.schema(t.Elem(), path+"{}")}
	case reflect.Struct:
		// Types shared by several paths (Location) become a $def; the
		// others are inlined so their paths get their vocabularies.
		if t == reflect.TypeFor[rules.Location]() {
			if _, ok := g.defs["location"]; !ok {
				g.defs["location"] = withDescription(g.object(t, "location"),
					"Evidence: a path relative to the audited folder with a line (0 or absent: the whole file), or a URL seen live.")
			}
			return map[string]any{"$ref": "#/$defs/location"}
		}
		return g.object(t, path)
	case reflect.Interface:
		return map[string]any{}
	}
	return map[string]any{}
}
