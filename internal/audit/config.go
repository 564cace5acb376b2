package audit

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/vetfolio/vetfolio/internal/config"
	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/rules"
)

// settings are an audit's effective settings after precedence: the
// request's (flags) first, then the configuration file's, then defaults.
type settings struct {
	cfg     *config.Config
	profile rules.Profile
	scoring rules.Options
	// url is the configuration's deployed URL ("" when none); the
	// request's URL wins over it.
	url     string
	applied *rules.Applied
}

// configure reads the configuration (the request's, or .vetfolio.yaml at
// the snapshot's root), leaves the ignored files out of the snapshot, and
// settles the profile, weights and thresholds.
func configure(snap *source.Snapshot, req Request) (settings, error) {
	cfg := req.Config
	source := "file"
	var ignored []string
	if cfg == nil {
		var err error
		if cfg, err = readConfig(snap); err != nil {
			return settings{}, err
		}
		source = "repository"
		if cfg != nil && req.Strict {
			cfg, ignored = strictCopy(cfg)
		}
	}
	s := settings{cfg: cfg}
	name, from := req.Profile.Name, "flag"
	switch {
	case name != "":
	case cfg != nil && cfg.Profile != "":
		name, from = cfg.Profile, "config"
	default:
		name, from = rules.DefaultProfile, "default"
	}
	p, err := rules.LookupProfile(name)
	if err != nil {
		return settings{}, err
	}
	if from == "flag" && req.Profile.Weights != nil {
		// A caller may hand a tuned profile; copy it before overriding.
		p = req.Profile
		p.Weights = make(map[string]float64, len(req.Profile.Weights))
		for k, v := range req.Profile.Weights {
			p.Weights[k] = v
		}
	}
	s.profile = p
	if cfg == nil {
		return s, nil
	}
	for id, w := range cfg.Weights {
		p.Weights[id] = w
	}
	s.url = cfg.URL
	s.scoring.Suppressions = cfg.Suppressions()
	a := &rules.Applied{Path: cfg.Path, ProfileSource: from, Suppressed: s.scoring.Suppressions,
		Ignore: cfg.Ignore, FailUnder: cfg.FailUnder, Minimums: cfg.Minimums, Source: source,
		Strict: len(ignored) > 0, Ignored: ignored,
		RubricChanged: len(s.scoring.Suppressions) > 0 || len(cfg.Weights) > 0 || from == "config"}
	if req.FailUnder != nil {
		a.FailUnder = req.FailUnder
	}
	if len(cfg.Weights) > 0 {
		a.Weights = p.Weights
	}
	if len(cfg.Ignore) > 0 {
		ignore := config.CompileIgnore(cfg.Ignore)
		kept := snap.Files[:0]
		for _, f := range snap.Files {
			if ignore.Ignored(f.Path) {
				a.IgnoredFiles++
				continue
			}
			kept = append(kept, f)
		}
		snap.Files = kept
	}
	s.applied = a
	return s, nil
}

// readConfig reads .vetfolio.yaml from the snapshot's root; nil when there
// is none.
func readConfig(snap *source.Snapshot) (*config.Config, error) {
	data, err := snap.ReadFile(config.FileName, 1<<20)
	name := path.Join(snap.Display, config.FileName)
	if snap.Kind != "local" && snap.Repo != "" {
		name = snap.Repo + ":" + config.FileName
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case errors.Is(err, source.ErrTooLarge):
		return nil, &config.Error{File: name, Msg: "larger than 1 MiB"}
	case errors.Is(err, source.ErrNotRegular):
		return nil, &config.Error{File: name, Msg: "is not a regular file (a pipe, device or link to one); replace it with a file or pass --config"}
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return config.Parse(name, data)
}

// strictCopy is the repository's configuration without what changes the
// rubric: turned-off checks, weights and the profile. It names what it
// left out; the ignore list, URL and thresholds stay.
func strictCopy(cfg *config.Config) (*config.Config, []string) {
	c := *cfg
	var ignored []string
	if len(c.Checks) > 0 {
		c.Checks = nil
		ignored = append(ignored, "checks")
	}
	if len(c.Weights) > 0 {
		c.Weights = nil
		ignored = append(ignored, "weights")
	}
	if c.Profile != "" {
		c.Profile = ""
		ignored = append(ignored, "profile")
	}
	return &c, ignored
}

// applyInline turns the code's "vetfolio:ignore CHECK reason" comments
// into suppressions, recorded like the configuration's so every report
// shows them; --strict leaves them out. A directive without a reason or
// naming no check is not applied, and a note says why.
func applyInline(f *rules.Facts, req Request, set *settings) []string {
	if len(f.InlineIgnores) == 0 {
		return nil
	}
	if req.Strict {
		if set.applied == nil {
			set.applied = &rules.Applied{ProfileSource: "default"}
		}
		set.applied.Strict = true
		set.applied.Ignored = append(set.applied.Ignored, "inline")
		return []string{fmt.Sprintf("--strict: %d vetfolio:ignore comments in the code were not applied", len(f.InlineIgnores))}
	}
	known := map[string]bool{}
	for _, id := range rules.CheckIDs() {
		known[id] = true
	}
	var notes []string
	for _, in := range f.InlineIgnores {
		at := fmt.Sprintf("%s:%d", in.Path, in.Line)
		switch {
		case !known[in.Check]:
			notes = append(notes, fmt.Sprintf("%s: vetfolio:ignore names no check %q; not applied", at, in.Check))
			continue
		case in.Reason == "":
			notes = append(notes, fmt.Sprintf("%s: vetfolio:ignore %s needs a reason after the check; not applied", at, in.Check))
			continue
		}
		if set.scoring.Suppressions == nil {
			set.scoring.Suppressions = map[string]string{}
		}
		if _, done := set.scoring.Suppressions[in.Check]; done {
			continue // the configuration or an earlier comment said it first
		}
		set.scoring.Suppressions[in.Check] = fmt.Sprintf("%s (%s)", in.Reason, at)
		if set.applied == nil {
			set.applied = &rules.Applied{ProfileSource: "default", Source: "inline"}
		}
		set.applied.Suppressed = set.scoring.Suppressions
		set.applied.RubricChanged = true
		set.applied.Inline++
	}
	return notes
}
