package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vetfolio/vetfolio/reports"
	"github.com/vetfolio/vetfolio/rules"
)

// maxAnnotations is how many ::warning lines vetfolio writes: GitHub shows
// ten warning annotations per step, so the ones that gain most go first.
const maxAnnotations = 10

// githubActions reports to GitHub Actions when vetfolio runs in a workflow
// (GITHUB_ACTIONS=true): the Markdown report is appended to the job's step
// summary ($GITHUB_STEP_SUMMARY) and failing checks with a file in their
// evidence become ::warning annotations on that line. Outside Actions it
// does nothing. A summary that cannot be written is a warning, not a failed
// audit: the reports were already written.
func githubActions(o *auditOptions, sc *rules.Scorecard) {
	st := o.Streams
	if st.getenv("GITHUB_ACTIONS") != "true" || sc == nil {
		return
	}
	if path := st.getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := appendSummary(path, sc, githubLinkBase(st, sc)); err != nil {
			fmt.Fprintf(st.ErrOut, "vetfolio: warning: %v\n", err)
		}
	}
	w := st.Out
	if o.machineStdout() {
		// Keep a JSON or SARIF report on stdout parseable; the runner reads
		// workflow commands from stderr too.
		w = st.ErrOut
	}
	if w != nil {
		writeAnnotations(w, sc)
	}
}

// machineStdout reports whether a machine-readable format goes to stdout.
func (o *auditOptions) machineStdout() bool {
	for i, f := range o.Formats {
		toStdout := o.OutputDir == "" && (len(o.Outputs) == 0 || o.Outputs[i] == "" || o.Outputs[i] == "-")
		if toStdout && f != "text" && f != "markdown" {
			return true
		}
	}
	return false
}

func appendSummary(path string, sc *rules.Scorecard, linkBase string) error {
	var buf bytes.Buffer
	if err := (reports.Markdown{Options: reports.Options{LinkBase: linkBase}}).Render(&buf, sc); err != nil {
		return fmt.Errorf("step summary: %w", err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("step summary: %w", err)
	}
	if _, err := buf.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("step summary: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("step summary: %w", err)
	}
	return nil
}

// githubLinkBase makes evidence in the summary link to the file on GitHub
// at the audited commit; relative links do not resolve in a job summary.
func githubLinkBase(st Streams, sc *rules.Scorecard) string {
	server := st.getenv("GITHUB_SERVER_URL")
	repo, commit := sc.Target.Repo, sc.Target.Commit
	if repo == "" {
		repo = st.getenv("GITHUB_REPOSITORY")
	}
	if commit == "" {
		commit = st.getenv("GITHUB_SHA")
	}
	if server == "" || repo == "" || commit == "" {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + commit + "/"
}

// writeAnnotations writes a ::warning workflow command per failing check
// that points at a file, in the order of the fixes (most points first).
func writeAnnotations(w io.Writer, sc *rules.Scorecard) {
	messages := map[string]string{}
	for _, cr := range sc.Criteria {
		for _, k := range cr.Checks {
			messages[k.ID] = k.Message
		}
	}
	n := 0
	for _, fx := range sc.Fixes {
		var loc *rules.Location
		for i, e := range fx.Evidence {
			if e.Path != "" && e.URL == "" {
				loc = &fx.Evidence[i]
				break
			}
		}
		if loc == nil {
			continue
		}
		if n == maxAnnotations {
			fmt.Fprintf(w, "::notice title=vetfolio::more failing checks than annotations; see the job summary or the report\n")
			return
		}
		n++
		props := "file=" + escapeProperty(reports.RepoPath(sc, loc.Path))
		if loc.Line > 0 {
			props += fmt.Sprintf(",line=%d", loc.Line)
		}
		props += ",title=" + escapeProperty(fmt.Sprintf("vetfolio %s (+%.1f points)", fx.Check, fx.Gain))
		msg := fx.Title
		if m := messages[fx.Check]; m != "" {
			msg += ": " + m
		}
		if len(fx.Steps) > 0 {
			msg += "\nFix: " + strings.Join(fx.Steps, "\n")
		}
		fmt.Fprintf(w, "::warning %s::%s\n", props, escapeData(msg))
	}
}

// escapeData and escapeProperty follow the runner's escaping of workflow
// command values (actions/toolkit, command.ts).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
