// Package history summarises a commit history the way a hiring manager
// reads it: how many weeks saw work, whether the project arrived in one
// upload, whether the messages say anything, and how long it has been
// quiet. Being solo or young is never held against a project: the
// summary counts what is visible, and the rules judge it leniently.
package history

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Thresholds of a bulk upload. A commit is a bulk upload when it added at
// least BulkShareMin of the current files of a repository of at least
// BulkMinFiles files (BulkShareViaUpload for GitHub's "Add files via
// upload"), counting additions net of deletions so that moving the project
// into a folder is not an upload, and little history followed it: fewer
// than BulkAfterCommits commits, or commits on fewer than BulkAfterWeeks
// ISO weeks. A project that started from a big first commit and then grew
// in many later commits over several weeks is not a bulk upload.
const (
	BulkMinFiles       = 20
	BulkShareMin       = 0.6
	BulkShareViaUpload = 0.4
	BulkAfterCommits   = 10
	BulkAfterWeeks     = 3
)

// Summarize turns commits (newest first, as git log lists them) into the
// history facts. files are the snapshot's current files, for the share a
// bulk commit added; now is when the audit runs.
func Summarize(commits []source.Commit, files []source.File, now time.Time) facts.History {
	h := facts.History{Available: true, Commits: len(commits)}
	if len(commits) == 0 {
		h.Available = false
		h.Reason = "the history has no commits"
		return h
	}

	// Oldest first by date; a rebased history need not be in date order.
	byTime := make([]source.Commit, len(commits))
	copy(byTime, commits)
	sort.SliceStable(byTime, func(i, j int) bool { return byTime[i].When.Before(byTime[j].When) })
	first, last := byTime[0].When.UTC(), byTime[len(byTime)-1].When.UTC()
	h.First, h.Last = first.Format(time.RFC3339), last.Format(time.RFC3339)
	h.SpanDays = int(last.Sub(first).Hours() / 24)
	h.SpanWeeks = int(weekStart(last).Sub(weekStart(first)).Hours()/24/7+0.5) + 1
	h.DaysSinceLast = max(0, int(now.Sub(last).Hours()/24))

	weeks, days, authors := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, c := range byTime {
		weeks[isoWeek(c.When)] = true
		days[c.When.UTC().Format(time.DateOnly)] = true
		if c.Email != "" {
			authors[strings.ToLower(c.Email)] = true
		}
		if i > 0 {
			h.LongestGapDays = max(h.LongestGapDays, int(c.When.Sub(byTime[i-1].When).Hours()/24))
		}
	}
	h.ActiveWeeks, h.ActiveDays, h.Authors = len(weeks), len(days), len(authors)

	bulk(&h, byTime, len(files))
	codeBulk(&h, byTime, files)
	messages(&h, commits)
	return h
}

// weekStart is the Monday 00:00 UTC of t's ISO week.
func weekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

func isoWeek(t time.Time) string {
	y, w := t.UTC().ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// bulk finds the commit that added the most files and decides whether it
// is a bulk upload (see the Bulk constants).
func bulk(h *facts.History, byTime []source.Commit, files int) {
	best, bestNet := -1, 0
	for i, c := range byTime {
		if c.Changed > 0 {
			h.AddedKnown = true
		}
		if net := c.Added - c.Deleted; net > bestNet {
			best, bestNet = i, net
		}
	}
	if best < 0 || files == 0 {
		return
	}
	c := byTime[best]
	h.BulkCommit, h.BulkSubject, h.BulkAdded = c.Hash, c.Subject, c.Added
	h.BulkShare = min(1, float64(bestNet)/float64(files))
	h.BulkShare = float64(int(h.BulkShare*100+0.5)) / 100
	after := byTime[best+1:]
	h.CommitsAfterBulk = len(after)
	weeks := map[string]bool{}
	for _, a := range after {
		weeks[isoWeek(a.When)] = true
	}
	threshold := BulkShareMin
	if viaUpload(c.Subject) {
		threshold = BulkShareViaUpload
	}
	h.BulkUpload = files >= BulkMinFiles && h.BulkShare >= threshold &&
		(len(after) < BulkAfterCommits || len(weeks) < BulkAfterWeeks)
}

// codeBulk judges the upload by where the code came from: the commit that
// added the most program source files, and how many later commits changed
// any code. Ten commits to the README after one commit of all the code is
// still a bulk upload.
func codeBulk(h *facts.History, byTime []source.Commit, files []source.File) {
	if h.BulkUpload {
		return // the files alone say so, on every source alike
	}
	code := 0
	for _, f := range files {
		if !f.Context && scan.IsSource(f.Path) && !scan.IsTestPath(f.Path) && !source.Skipped(f.Path) {
			code++
		}
	}
	// Every commit's files must be known: GitHub lists them for one
	// commit only, and a later code change could not be seen.
	best, known := -1, true
	for i, c := range byTime {
		known = known && c.CodeKnown
		if c.CodeAdded > 0 && (best < 0 || c.CodeAdded > byTime[best].CodeAdded) {
			best = i
		}
	}
	if !known || best < 0 || len(files) < BulkMinFiles || code < CodeBulkMinFiles {
		return
	}
	c := byTime[best]
	after := 0
	for _, a := range byTime[best+1:] {
		if a.CodeChanged > 0 {
			after++
		}
	}
	h.CodeBulkCommit, h.CodeBulkAdded, h.CodeFiles, h.CodeCommitsAfter = c.Hash, min(c.CodeAdded, code), code, after
	threshold := BulkShareMin
	if viaUpload(c.Subject) {
		threshold = BulkShareViaUpload
	}
	share := float64(min(c.CodeAdded, code)) / float64(code)
	// Only the later code commits matter here, not the weeks they span:
	// a framework skeleton followed by a hundred code commits in two busy
	// weeks (eddie-2020/bcycom-backend) is work, not an upload.
	h.CodeBulk = share >= threshold && after < BulkAfterCommits
	if h.CodeBulk {
		h.BulkUpload = true
	}
}

// CodeBulkMinFiles is the fewest program source files for the code to be
// judged on its own (in a repository of at least BulkMinFiles files): a
// handful of files written at once is a small project.
const CodeBulkMinFiles = 8

func viaUpload(subject string) bool {
	return strings.EqualFold(strings.TrimSpace(subject), "Add files via upload")
}

// messages judges the commit messages; merges are left out, since their
// text is written by the tool.
func messages(h *facts.History, commits []source.Commit) {
	seen := map[string]bool{}
	examples := map[string]bool{}
	// Oldest first, so the first of repeated messages is the one kept.
	for i := len(commits) - 1; i >= 0; i-- {
		subj := strings.TrimSpace(commits[i].Subject)
		if IsMerge(subj) {
			continue
		}
		h.MessageCommits++
		norm := normalize(subj)
		vague := Vague(subj) || seen[norm]
		seen[norm] = true
		if !vague {
			continue
		}
		h.VagueCommits++
		if len(h.VagueExamples) < 5 && !examples[subj] {
			examples[subj] = true
			h.VagueExamples = append(h.VagueExamples, subj)
		}
	}
	if h.MessageCommits > 0 {
		h.VagueShare = float64(int(float64(h.VagueCommits)/float64(h.MessageCommits)*100+0.5)) / 100
	}
}

var mergePattern = scan.MustCompile(`^Merge (pull request|branch|remote-tracking branch|tag|commit) `)

// IsMerge reports whether a subject is one git or GitHub writes for a
// merge ("Merge pull request #3 from ...", "Merge branch 'main' into ...").
func IsMerge(subject string) bool { return mergePattern.MatchString(subject) }

// vagueMessages say nothing about the change, whoever wrote them.
var vagueMessages = func() map[string]bool {
	set := map[string]bool{}
	for m := range strings.SplitSeq(`update|updates|updated|updating|update code|update files|updated code|updated files|
fix|fixes|fixed|fixing|fix bug|fix bugs|bug fix|bugfix|bug fixes|small fix|small fixes|minor fix|minor fixes|some fixes|more fixes|
wip|work in progress|asdf|asdfgh|qwerty|test|tests|testing|test commit|changes|change|some changes|more changes|minor changes|
small changes|new changes|changed|commit|new commit|stuff|minor|misc|final|final commit|final version|done|save|push|temp|tmp|
last commit|latest|progress|edit|edits|edited|ok|working|works|it works|finally|first|second|again|code|files|new|refactor|
cleanup|clean up|lol|idk|.|..|...|-|x|xx|xxx|a|aa|aaa`, "|") {
		set[strings.TrimSpace(m)] = true
	}
	return set
}()

// githubDefault matches the messages GitHub's web editor proposes: "Update
// README.md", "Create main.py", "Delete app/old.js", "Add files via upload".
var githubDefault = scan.MustCompile(`(?i)^((update|create|delete) \S*[./]\S*|add files via upload)$`)

// conventional is a Conventional Commits prefix ("feat:", "fix(api)!:").
var conventional = scan.MustCompile(`^[a-z]+(\([^)]*\))?!?:\s*`)

// firstCommit messages are fine once; a repeat counts as vague.
var firstCommit = map[string]bool{"initial commit": true, "init": true, "initial": true, "first commit": true, "initial import": true}

// Vague reports whether a commit subject is uninformative on its own: a
// word from the usual list ("update", "fix", "wip", "asdf"), a message of
// one word or under three characters, or a GitHub web-editor default.
// "Initial commit" and the like are not vague; repeats are judged by the
// caller.
func Vague(subject string) bool {
	s := normalize(subject)
	if firstCommit[s] {
		return false
	}
	if githubDefault.MatchString(s) {
		return true
	}
	if rest := conventional.ReplaceAllString(s, ""); rest != s {
		// "fix: typo in the login error" is informative; "fix: fix" is not.
		return len(rest) < 3 || vagueMessages[rest]
	}
	if len(s) < 3 || vagueMessages[s] || !hasLetter(s) {
		return true
	}
	if !strings.Contains(s, " ") {
		// One word says little ("refactor", "login"), except in scripts
		// written without spaces, where a few characters make a sentence.
		return !nonLatin(s) || utf8.RuneCountInString(s) < 4
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// nonLatin reports whether s holds letters of a script written without
// spaces between words (Chinese, Japanese, Thai, ...).
func nonLatin(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Hangul) {
			return true
		}
	}
	return false
}

// normalize lower-cases a subject, collapses spaces and drops trailing
// punctuation, so "Update." and "update" are the same message.
func normalize(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if t := strings.TrimRight(s, ".!?,;: "); t != "" {
		s = t
	}
	return s
}
