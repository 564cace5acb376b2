package cohort

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/vetfolio/vetfolio/internal/github"
	"github.com/vetfolio/vetfolio/rules"
)

// ProfileOptions shape a profile audit.
type ProfileOptions struct {
	// User is the GitHub login.
	User string
	// Top is how many repositories are audited fully (0: 3).
	Top int
	// Cohort runs the audits of the best repositories; its Request carries
	// the environment, the clock and the profile.
	Cohort Options
	// ForkChecks bounds how many forks are asked whether they hold work
	// of their own (one request each; 0: 5).
	ForkChecks int
}

// Candidate is one of the user's repositories, ranked.
type Candidate struct {
	Repo        string   `json:"repo"`
	Language    string   `json:"language,omitempty"`
	Description string   `json:"description,omitempty"`
	Topics      []string `json:"topics,omitempty"`
	Fork        bool     `json:"fork,omitempty"`
	Archived    bool     `json:"archived,omitempty"`
	// OwnCommits counts a fork's commits by the user (read for the most
	// promising forks only).
	OwnCommits int `json:"own_commits,omitempty"`
	// Rank is how backend-portfolio-like the repository looks (higher is
	// more), and Reasons say why.
	Rank    int      `json:"rank"`
	Reasons []string `json:"reasons"`
	// Excluded says why it is not a candidate (a fork without own work).
	Excluded string `json:"excluded,omitempty"`
	Audited  bool   `json:"audited"`
}

// Consistency is the user's commit activity over the last year, from the
// audited repositories.
type Consistency struct {
	Since time.Time `json:"since"`
	// Commits counts the user's commits found; ActiveWeeks how many of
	// the last 52 weeks (seven-day spans back from now) have one;
	// LongestGapWeeks the longest run of weeks without one since the first.
	Commits         int `json:"commits"`
	ActiveWeeks     int `json:"active_weeks"`
	LongestGapWeeks int `json:"longest_gap_weeks"`
	// Months counts commits per month, oldest first (12 entries).
	Months []int `json:"months"`
	// Verdict is one sentence.
	Verdict string `json:"verdict"`
}

// Verdict answers the guide's question: is there at least one complete,
// deployed API with authentication and a relational database?
type Verdict struct {
	Met bool `json:"met"`
	// Best is the repository closest to it; Missing what it lacks.
	Best    string   `json:"best,omitempty"`
	Missing []string `json:"missing,omitempty"`
	Summary string   `json:"summary"`
}

// Profile is the report of a profile audit.
type Profile struct {
	Kind        string      `json:"kind"`
	User        string      `json:"user"`
	Candidates  []Candidate `json:"candidates"`
	Consistency Consistency `json:"consistency"`
	Verdict     Verdict     `json:"verdict"`
	// Fixes are the best repository's fixes that matter most.
	Fixes []rules.Fix `json:"fixes"`
	// Audited is the cohort report of the audited repositories.
	Audited *Report `json:"-"`
	// Requests counts the REST requests of the listing and the activity
	// (the audits' own are not included).
	Requests int `json:"requests"`
}

// backendLanguages are languages a backend portfolio is written in.
var backendLanguages = map[string]bool{
	"python": true, "java": true, "kotlin": true, "go": true, "typescript": true, "javascript": true,
	"c#": true, "ruby": true, "php": true, "rust": true, "elixir": true, "scala": true,
}

// backendWords in topics, names and descriptions hint at a backend project.
var backendWords = []string{"api", "backend", "back-end", "rest", "server", "service", "microservice", "graphql", "crud",
	"fastapi", "django", "flask", "spring", "express", "nestjs", "fastify", "gin", "echo", "fiber", "rails", "laravel",
	"postgres", "mysql", "database", "jwt", "auth"}

// notBackendWords hint at something else: dotfiles, notes, course work.
var notBackendWords = []string{"dotfiles", "homework", "exercises", "notes", "portfolio-website", "landing", "config", "awesome", "tutorial", "course", "leetcode"}

func hasWord(text string, words []string) string {
	text = strings.ToLower(text)
	toks := strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	})
	for _, w := range words {
		if slices.Contains(toks, w) {
			return w
		}
	}
	return ""
}

// rank scores how backend-portfolio-like a repository looks from what the
// list shows.
func rank(r github.UserRepo, now time.Time) (int, []string) {
	score := 0
	var why []string
	lang := strings.ToLower(r.Language)
	switch {
	case backendLanguages[lang]:
		score += 3
		why = append(why, "written in "+r.Language)
	case lang == "":
		why = append(why, "no language detected")
	default:
		score -= 2
		why = append(why, r.Language+" is not a backend language")
	}
	topicHits := 0
	for _, t := range r.Topics {
		if slices.Contains(backendWords, t) || hasWord(strings.ReplaceAll(t, "-", " "), backendWords) != "" {
			topicHits++
		}
	}
	if topicHits > 0 {
		score += min(topicHits, 2) * 2
		why = append(why, fmt.Sprintf("%d backend topic%s", topicHits, plural(topicHits)))
	}
	text := strings.ReplaceAll(strings.ReplaceAll(r.Name, "-", " "), "_", " ") + " " + r.Description
	if w := hasWord(text, backendWords); w != "" {
		score += 2
		why = append(why, fmt.Sprintf("%q in its name or description", w))
	}
	if w := hasWord(text, notBackendWords); w != "" {
		score -= 3
		why = append(why, fmt.Sprintf("%q suggests it is not a backend project", w))
	}
	switch {
	case r.Size >= 1000:
		score += 2
		why = append(why, "substantial size")
	case r.Size >= 100:
		score++
	case r.Size < 20:
		score -= 2
		why = append(why, "nearly empty")
	}
	if r.Homepage != "" {
		score++
		why = append(why, "has a homepage link")
	}
	if !r.PushedAt.IsZero() && now.Sub(r.PushedAt) < 365*24*time.Hour {
		score++
		why = append(why, "pushed within a year")
	}
	if r.Archived {
		score--
		why = append(why, "archived")
	}
	return score, why
}

// RunProfile ranks a user's repositories, audits the best few and judges
// the profile. Close the Audited report when done.
func RunProfile(ctx context.Context, opt ProfileOptions) (*Profile, error) {
	top := opt.Top
	if top <= 0 {
		top = 3
	}
	forkChecks := opt.ForkChecks
	if forkChecks <= 0 {
		forkChecks = 5
	}
	req := opt.Cohort.Request
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	if req.Transport == nil {
		req.Transport = &github.Budget{Reserve: max(opt.Cohort.Jobs, DefaultJobs)}
		opt.Cohort.Request.Transport = req.Transport
	}
	users, err := github.NewUsers(ctx, "", github.Options{NoCache: req.NoCache, Env: req.Env, Transport: req.Transport, Wait: true})
	if err != nil {
		return nil, err
	}
	list, err := users.Repos(ctx, opt.User)
	if err != nil {
		return nil, err
	}
	p := &Profile{Kind: "profile", User: opt.User, Candidates: []Candidate{}, Fixes: []rules.Fix{}}
	for _, r := range list {
		c := Candidate{Repo: r.FullName, Language: r.Language, Description: r.Description, Topics: r.Topics, Fork: r.Fork, Archived: r.Archived}
		c.Rank, c.Reasons = rank(r, now)
		p.Candidates = append(p.Candidates, c)
	}
	byRank := func() {
		slices.SortStableFunc(p.Candidates, func(a, b Candidate) int {
			if (a.Excluded == "") != (b.Excluded == "") {
				if a.Excluded == "" {
					return -1
				}
				return 1
			}
			if a.Rank != b.Rank {
				return b.Rank - a.Rank
			}
			return strings.Compare(strings.ToLower(a.Repo), strings.ToLower(b.Repo))
		})
	}
	byRank()
	// Forks count only with work of their own: ask the most promising.
	since := now.AddDate(-1, 0, 0)
	checked := 0
	for i := range p.Candidates {
		c := &p.Candidates[i]
		if !c.Fork {
			continue
		}
		if checked >= forkChecks || c.Rank <= 0 {
			c.Excluded = "a fork (not checked for work of its own)"
			continue
		}
		checked++
		owner, name, _ := strings.Cut(c.Repo, "/")
		dates, err := users.CommitDates(ctx, owner, name, opt.User, time.Time{})
		if err != nil {
			c.Excluded = "a fork whose commits could not be read: " + err.Error()
			continue
		}
		c.OwnCommits = len(dates)
		if len(dates) == 0 {
			c.Excluded = "a fork without commits of its own"
			continue
		}
		c.Reasons = append(c.Reasons, fmt.Sprintf("a fork with %d commit%s of its own", len(dates), plural(len(dates))))
	}
	byRank()
	var entries []Entry
	for i := range p.Candidates {
		c := &p.Candidates[i]
		if c.Excluded != "" || c.Rank <= 0 || len(entries) == top {
			continue
		}
		c.Audited = true
		entries = append(entries, Entry{Target: c.Repo})
	}
	if len(entries) > 0 {
		rep, err := Run(ctx, entries, opt.Cohort)
		if err != nil {
			return nil, err
		}
		p.Audited = rep
	}
	// Activity over the last year, from the audited repositories.
	var dates []time.Time
	for _, e := range entries {
		owner, name, _ := strings.Cut(e.Target, "/")
		d, err := users.CommitDates(ctx, owner, name, opt.User, since)
		if err == nil {
			dates = append(dates, d...)
		}
	}
	p.Consistency = consistency(dates, since, now)
	if err := p.judge(); err != nil {
		p.Close()
		return nil, err
	}
	p.Requests = users.Stats().REST
	return p, nil
}

// Close removes the audited report's spool.
func (p *Profile) Close() error {
	if p.Audited == nil {
		return nil
	}
	return p.Audited.Close()
}

func consistency(dates []time.Time, since, now time.Time) Consistency {
	c := Consistency{Since: since, Months: make([]int, 12), Commits: len(dates)}
	// Weeks are counted back from now (0 is the last seven days): a year
	// is 52 weeks and a day or two, and counting forward from since made a
	// 53rd week out of the spare day.
	const week = 7 * 24 * time.Hour
	weeks := map[int]bool{}
	oldest := -1
	for _, d := range dates {
		if d.Before(since) || d.After(now) {
			continue
		}
		if w := int(now.Sub(d) / week); w < 52 {
			weeks[w] = true
			oldest = max(oldest, w)
		}
		m := 11 - monthsBetween(d, now)
		if m >= 0 && m < 12 {
			c.Months[m]++
		}
	}
	c.ActiveWeeks = len(weeks)
	gap := 0
	for w := oldest; w >= 0; w-- {
		if weeks[w] {
			gap = 0
			continue
		}
		gap++
		c.LongestGapWeeks = max(c.LongestGapWeeks, gap)
	}
	switch {
	case c.ActiveWeeks == 0:
		c.Verdict = "no commits in the last year in the audited repositories: a recruiter sees an inactive profile"
	case c.ActiveWeeks >= 26:
		c.Verdict = fmt.Sprintf("consistent: commits in %d of the last 52 weeks", c.ActiveWeeks)
	case c.ActiveWeeks >= 12:
		c.Verdict = fmt.Sprintf("fairly regular: commits in %d of the last 52 weeks (longest gap %d weeks)", c.ActiveWeeks, c.LongestGapWeeks)
	default:
		c.Verdict = fmt.Sprintf("sporadic: commits in only %d of the last 52 weeks (longest gap %d weeks); steady weekly commits read better", c.ActiveWeeks, c.LongestGapWeeks)
	}
	return c
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// missing lists what keeps an audited project from being the complete,
// deployed API with auth and a relational database the guide asks for.
func missing(sc *rules.Scorecard) []string {
	f := sc.Facts
	if f == nil {
		return []string{"no facts in the report"}
	}
	var out []string
	if f.Endpoints < 5 {
		out = append(out, fmt.Sprintf("a complete REST API (%d endpoints found)", f.Endpoints))
	}
	if f.Auth.Kind == "" || f.Auth.Kind == "none" || f.Auth.ProtectedRoutes == 0 {
		out = append(out, "authentication on its routes")
	}
	if !f.Database.Relational || f.Migrations.Count == 0 {
		out = append(out, "a relational database with migrations")
	}
	switch {
	case f.Live != nil && f.Live.Reachable:
	case f.Deploy.URL != "":
		out = append(out, "a deployment that answers (the URL was not reached)")
	default:
		out = append(out, "a live deployment")
	}
	return out
}

func (p *Profile) judge() error {
	if p.Audited == nil || p.Audited.Audited == 0 {
		p.Verdict = Verdict{Summary: "no repository looks like a backend project: publish one complete, deployed API with authentication and a relational database"}
		return nil
	}
	var best *rules.Scorecard
	var bestMissing []string
	bestName := ""
	for _, row := range p.Audited.Rows {
		if !row.OK() {
			continue
		}
		sc, err := p.Audited.Scorecard(row)
		if err != nil {
			return err
		}
		m := missing(sc)
		if best == nil || len(m) < len(bestMissing) || (len(m) == len(bestMissing) && sc.Score > best.Score) {
			best, bestMissing, bestName = sc, m, row.Target
		}
	}
	p.Verdict = Verdict{Met: len(bestMissing) == 0, Best: bestName, Missing: bestMissing}
	if p.Verdict.Met {
		p.Verdict.Summary = fmt.Sprintf("yes: %s is a complete, deployed API with authentication and a relational database (score %d, grade %s)", bestName, best.Score, best.Grade)
	} else {
		p.Verdict.Summary = fmt.Sprintf("not yet: the closest is %s (score %d, grade %s); it lacks %s", bestName, best.Score, best.Grade, strings.Join(bestMissing, ", "))
	}
	for i, f := range best.Fixes {
		if i == 5 {
			break
		}
		p.Fixes = append(p.Fixes, f)
	}
	return nil
}

// WriteText writes the profile report as plain lines.
func (p *Profile) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "vetfolio profile: %s\n\nVerdict: %s\n", p.User, p.Verdict.Summary)
	fmt.Fprintf(bw, "Activity: %s\n", p.Consistency.Verdict)
	fmt.Fprintf(bw, "\nRepositories, most backend-like first:\n")
	for _, c := range p.Candidates {
		flags := []string{}
		if c.Audited {
			flags = append(flags, "audited")
		}
		if c.Archived {
			flags = append(flags, "ARCHIVED")
		}
		if c.Excluded != "" {
			flags = append(flags, "skipped: "+c.Excluded)
		}
		extra := ""
		if len(flags) > 0 {
			extra = " [" + strings.Join(flags, "; ") + "]"
		}
		lang := c.Language
		if lang == "" {
			lang = "-"
		}
		fmt.Fprintf(bw, "  %3d  %s (%s)%s\n", c.Rank, c.Repo, lang, extra)
	}
	if p.Audited != nil && len(p.Audited.Rows) > 0 {
		fmt.Fprintln(bw)
		if err := p.Audited.Text(bw); err != nil {
			return err
		}
	}
	if len(p.Fixes) > 0 {
		fmt.Fprintf(bw, "\nFixes that matter most (%s):\n", p.Verdict.Best)
		for i, f := range p.Fixes {
			fmt.Fprintf(bw, "  %d. %s (+%.1f)\n", i+1, f.Title, f.Gain)
			for _, s := range f.Steps {
				fmt.Fprintf(bw, "     - %s\n", s)
			}
		}
	}
	return bw.Flush()
}

// JSON writes the profile report with the audited cohort inside.
func (p *Profile) JSON(w io.Writer) error {
	out := struct {
		*Profile
		Audited json.RawMessage `json:"audited,omitempty"`
	}{Profile: p}
	if p.Audited != nil {
		var buf bytes.Buffer
		if err := p.Audited.JSON(&buf); err != nil {
			return err
		}
		out.Audited = buf.Bytes()
	}
	return JSON(w, out)
}
