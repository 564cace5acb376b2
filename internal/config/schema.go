package config

import (
	"encoding/json"

	"github.com/vetfolio/vetfolio/rules"
)

// SchemaID is where the schema is published, for editors that fetch it.
const SchemaID = "https://raw.githubusercontent.com/vetfolio/vetfolio/main/schema/vetfolio.schema.json"

// Schema returns the JSON Schema of .vetfolio.yaml, generated from the
// rubric so the check IDs, criteria and profiles it lists are always the
// current ones. schema/vetfolio.schema.json holds a copy a test keeps in
// sync.
func Schema() []byte {
	obj := func(props map[string]any, extra ...any) map[string]any {
		m := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i].(string)] = extra[i+1]
		}
		return m
	}
	score := map[string]any{"type": "integer", "minimum": 0, "maximum": 100}
	criteria := criterionIDs()
	weights := map[string]any{}
	minimums := map[string]any{}
	for _, c := range rules.All() {
		weights[c.ID] = map[string]any{"type": "number", "minimum": 0, "maximum": 100, "description": "weight of " + c.Title}
		minimums[c.ID] = map[string]any{"type": "integer", "minimum": 0, "maximum": 100, "description": "least score of " + c.Title}
	}
	checks := map[string]any{}
	for _, id := range rules.CheckIDs() {
		_, k := rules.Lookup(id)
		checks[id] = map[string]any{"$ref": "#/$defs/check", "description": k.Title}
	}
	s := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  SchemaID,
		"title":                "vetfolio configuration (.vetfolio.yaml)",
		"description":          "Settings of a vetfolio audit, read from .vetfolio.yaml at the audited repository's root or from --config. Flags win over this file.",
		"type":                 "object",
		"additionalProperties": false,
		"properties": map[string]any{
			"url": map[string]any{"type": "string", "pattern": "^https?://[^/@]+", "format": "uri",
				"description": "The deployed URL of the project; --url wins over it."},
			"profile": map[string]any{"enum": rules.ProfileNames(),
				"description": "Job profile that weights the criteria; --profile wins over it."},
			"ignore": map[string]any{"type": "array", "items": map[string]any{"type": "string", "minLength": 1},
				"description": "Paths or globs, relative to the root, left out of the audit (docs/, legacy/**, **/*.ipynb)."},
			"checks": obj(checks, "description", "Checks that do not apply to this project, each with the reason shown in reports."),
			"weights": obj(weights, "description", "Criterion weights overriding the profile's; 0 leaves a criterion out.",
				"propertyNames", map[string]any{"enum": criteria}),
			"fail_under": mergeMap(score, map[string]any{"description": "Exit with code 4 when the overall score is below this; --fail-under wins over it."}),
			"minimums":   obj(minimums, "description", "Least score per criterion; exit with code 4 when one is below."),
		},
		"$defs": map[string]any{
			"check": map[string]any{
				"type": "object", "additionalProperties": false,
				"properties": map[string]any{
					"off":    map[string]any{"type": "boolean", "description": "Leave the check out of the score."},
					"reason": map[string]any{"type": "string", "minLength": 1, "description": "Why the check does not apply; required with off."},
				},
				"if":   map[string]any{"properties": map[string]any{"off": map[string]any{"const": true}}, "required": []string{"off"}},
				"then": map[string]any{"required": []string{"reason"}},
				"else": map[string]any{"not": map[string]any{"required": []string{"reason"}}},
			},
		},
	}
	// A map of strings, numbers and maps always encodes.
	b, _ := json.MarshalIndent(s, "", "  ")
	return append(b, '\n')
}

func mergeMap(a, b map[string]any) map[string]any {
	m := map[string]any{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}
