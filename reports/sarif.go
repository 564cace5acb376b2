package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// SARIFSchema is the schema URI written into every SARIF log.
const SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SARIF renders the scorecard as a SARIF 2.1.0 log for GitHub code
// scanning (github/codeql-action/upload-sarif): one rule per check, its help
// built from the check's documentation and the fix for the detected stack,
// and one result per failing check.
type SARIF struct {
	// lookup finds a check's documentation; rules.Lookup unless a test
	// pins a catalog so golden files do not follow every doc edit.
	lookup func(id string) *rules.Check
}

// Levels by criterion weight: the heavy criteria of a profile are errors.
const (
	sarifErrorWeight   = 12
	sarifWarningWeight = 7
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	// VersionControlProvenance ties results to the audited commit.
	VersionControlProvenance []sarifVCS     `json:"versionControlProvenance,omitempty"`
	Results                  []sarifResult  `json:"results"`
	Properties               map[string]any `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

type sarifVCS struct {
	RepositoryURI string `json:"repositoryUri"`
	RevisionID    string `json:"revisionId,omitempty"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name,omitempty"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               int           `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

// Render writes the SARIF log.
func (s SARIF) Render(w io.Writer, sc *rules.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("write sarif report: no scorecard")
	}
	lookup := s.lookup
	if lookup == nil {
		lookup = func(id string) *rules.Check { _, k := rules.Lookup(id); return k }
	}
	var stack rules.Stack
	if sc.Facts != nil {
		stack = sc.Facts.Stack
	}
	fixes := map[string]rules.Fix{}
	for _, fx := range sc.Fixes {
		fixes[fx.Check] = fx
	}

	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: toolName(sc), Version: sc.Tool.Version,
			InformationURI: "https://github.com/vetfolio/vetfolio", Rules: []sarifRule{}}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Results:     []sarifResult{},
		Properties: map[string]any{"score": sc.Score, "grade": sc.Grade, "profile": sc.Profile,
			"coverage": sc.Coverage},
	}
	if sc.Config != nil {
		run.Properties["rubric_changed"] = sc.Config.RubricChanged
		run.Properties["strict"] = sc.Config.Strict
	}
	if sc.Cap != nil {
		run.Properties["capped_by"] = sc.Cap.By
	}
	if sc.Target.Repo != "" {
		run.VersionControlProvenance = []sarifVCS{{RepositoryURI: "https://github.com/" + sc.Target.Repo,
			RevisionID: sc.Target.Commit}}
	}

	for _, cr := range sc.Criteria {
		level := sarifLevel(cr.Weight)
		for _, k := range cr.Checks {
			rule := sarifRuleFor(cr, k, lookup(k.ID), stack, fixes, level)
			idx := len(run.Tool.Driver.Rules)
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule)
			if k.Passed || k.Skipped {
				continue
			}
			run.Results = append(run.Results, sarifResultFor(sc, cr, k, idx, rule.DefaultConfiguration.Level, fixes[k.ID]))
		}
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

// sarifLevel maps a criterion's weight in the profile to a SARIF level.
func sarifLevel(weight float64) string {
	switch {
	case weight >= sarifErrorWeight:
		return "error"
	case weight >= sarifWarningWeight:
		return "warning"
	}
	return "note"
}

func sarifRuleFor(cr rules.CriterionResult, k rules.CheckResult, def *rules.Check, stack rules.Stack,
	fixes map[string]rules.Fix, level string) sarifRule {
	title, doc := k.Title, ""
	var steps []string
	if def != nil {
		if def.Title != "" {
			title = def.Title
		}
		doc = def.Doc
		if def.Fix != nil {
			steps = def.Fix(stack)
		}
	}
	if fx, ok := fixes[k.ID]; ok && len(fx.Steps) > 0 {
		steps = fx.Steps
	}
	if title == "" {
		title = k.ID
	}
	if doc == "" {
		doc = title + "."
	}
	// A committed secret is never a mere note, whatever the profile weighs.
	if k.ID == "security.no-secrets" {
		level = "error"
	}
	help := doc
	md := doc
	if len(steps) > 0 {
		fixFor := "How to fix"
		if st := stackLine(stack); st != "" {
			fixFor += " (" + st + ")"
		}
		help += "\n\n" + fixFor + ":\n"
		md += "\n\n**" + fixFor + "**\n\n"
		for _, s := range steps {
			help += "- " + s + "\n"
			md += "- " + s + "\n"
		}
	}
	props := map[string]any{"tags": sarifTags(cr.ID, k.ID), "criterion": cr.ID, "weight": cr.Weight}
	if sev, ok := securitySeverity(k.ID); ok {
		props["security-severity"] = sev.score
	}
	return sarifRule{
		ID:                   k.ID,
		Name:                 ruleName(k.ID),
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: doc},
		Help:                 sarifText{Text: strings.TrimSpace(help), Markdown: strings.TrimSpace(md)},
		DefaultConfiguration: sarifConfig{Level: level},
		Properties:           props,
	}
}

// severity is how GitHub code scanning ranks a security rule: a CVSS-like
// score as a string ("9.0" and up is critical, 7.0 high, 4.0 medium, below
// that low), and the CWEs it shows as tags.
type severity struct {
	score string
	cwe   []string
}

// severities rank the security checks by what a reviewer (or an attacker)
// can do with the finding: a committed credential or signing key is
// exploitable at once; missing validation, rate limits or a CORS wildcard
// widen an attack; an unignored .env is a leak waiting to happen.
var severities = map[string]severity{
	"security.no-secrets":        {"9.0", []string{"798"}},
	"auth.no-hardcoded-key":      {"8.8", []string{"321", "798"}},
	"security.env-not-committed": {"7.5", []string{"540"}},
	"security.cors-no-wildcard":  {"5.3", []string{"942"}},
	"security.validation":        {"5.0", []string{"20"}},
	"security.rate-limit":        {"4.3", []string{"770"}},
	"security.env-ignored":       {"3.1", []string{"540"}},
	"security.cors":              {"2.0", nil},
}

// defaultSecuritySeverity ranks a security check the table does not know
// yet (a new one) as medium, so it is not left out of the security view.
var defaultSecuritySeverity = severity{score: "4.0"}

// securitySeverity reports the severity of a security-related check:
// every security.* check and auth.no-hardcoded-key.
func securitySeverity(id string) (severity, bool) {
	if s, ok := severities[id]; ok {
		return s, true
	}
	if strings.HasPrefix(id, "security.") {
		return defaultSecuritySeverity, true
	}
	return severity{}, false
}

// sarifTags are a rule's tags: the tool, its criterion, "security" for
// the security-related rules (GitHub lists a rule with a
// security-severity as a security alert only when it has that tag) and
// their CWEs in CodeQL's external/cwe/cwe-N form, so code scanning can
// filter by them.
func sarifTags(criterion, id string) []string {
	tags := []string{"vetfolio", criterion}
	sev, isSecurity := securitySeverity(id)
	if (isSecurity || criterion == "auth") && criterion != "security" {
		tags = append(tags, "security")
	}
	for _, c := range sev.cwe {
		tags = append(tags, "external/cwe/cwe-"+c)
	}
	return tags
}

func sarifResultFor(sc *rules.Scorecard, cr rules.CriterionResult, k rules.CheckResult, idx int, level string,
	fx rules.Fix) sarifResult {
	title := k.Title
	if title == "" {
		title = k.ID
	}
	msg := title + ": " + k.Message
	var urls []string
	var locs []sarifLocation
	for _, e := range k.Evidence {
		switch {
		case e.URL != "":
			urls = append(urls, e.URL)
		case e.Path != "":
			locs = append(locs, sarifLoc(sc, e))
		}
	}
	if len(urls) > 0 {
		msg += " (seen at " + strings.Join(limit(urls, 3), ", ") + ")"
	}
	if fx.Gain > 0 {
		msg += fmt.Sprintf(" Fixing it adds %.1f points.", fx.Gain)
	}
	r := sarifResult{RuleID: k.ID, RuleIndex: idx, Level: level, Message: sarifText{Text: msg},
		Properties: map[string]any{"criterion": cr.ID}}
	if fx.Gain > 0 {
		r.Properties["gain"] = fx.Gain
	}
	// GitHub code scanning shows a result only with a location, and wants
	// one unless every place must change: the first evidence is the
	// location, the rest are related. A check without a file (no README,
	// no tests at all) points at the README or the manifest, where a
	// reader starts.
	if len(locs) == 0 {
		locs = []sarifLocation{sarifLoc(sc, rules.Location{Path: fallbackPath(sc)})}
	}
	r.Locations = locs[:1]
	for i, l := range limit(locs[1:], 9) {
		l.ID = i + 1
		r.RelatedLocations = append(r.RelatedLocations, l)
	}
	r.PartialFingerprints = map[string]string{"vetfolioCheck/v1": k.ID + ":" + locs[0].PhysicalLocation.ArtifactLocation.URI}
	return r
}

func sarifLoc(sc *rules.Scorecard, e rules.Location) sarifLocation {
	l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{
		URI: pathURL(RepoPath(sc, e.Path)), URIBaseID: "%SRCROOT%"}}}
	if e.Line > 0 {
		l.PhysicalLocation.Region = &sarifRegion{StartLine: e.Line}
	}
	return l
}

func fallbackPath(sc *rules.Scorecard) string {
	if sc.Facts != nil {
		if sc.Facts.Readme.Path != "" {
			return sc.Facts.Readme.Path
		}
		if sc.Facts.Stack.Manifest != "" {
			return sc.Facts.Stack.Manifest
		}
	}
	return "README.md"
}

// ruleName makes a check ID into the PascalCase name SARIF viewers show
// ("auth.protected-routes" → "AuthProtectedRoutes").
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '.' || r == '-' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
