// Package history summarises a commit history the way a hiring manager
// reads it: how many weeks saw work, whether the project arrived in one
// upload, whether the messages say anything, and how long it has been
// quiet. Being solo or young is never held against a project: the
// summary counts what is visible, and the rules judge it leniently.
package history

import (
	"cmp"
	"slices"
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
	byTime := oldestFirst(commits)
	first, last := byTime[0].When.UTC(), byTime[len(byTime)-1].When.UTC()
	h.First, h.Last = first.Format(time.RFC3339), last.Format(time.RFC3339)
	h.SpanDays = int(last.Sub(first).Hours() / 24)
	h.SpanWeeks = int(weekStart(last).Sub(weekStart(first)).Hours()/24/7+0.5) + 1
	h.DaysSinceLast = max(0, int(now.Sub(last).Hours()/24))

	weeks, days, authors := map[int]bool{}, map[int]bool{}, map[string]bool{}
	for i, c := range byTime {
		weeks[isoWeek(c.When)] = true
		y, m, d := c.When.UTC().Date() // as a number, like isoWeek
		days[y*10000+int(m)*100+d] = true
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

// oldestFirst points to commits sorted by date, oldest first, commits of
// the same second in the order given, as sort.SliceStable sorts them.
// Sorting the positions by (date, position) gives that order with an
// unstable sort: on git's newest-first list, reversed, 3 ms for solidus's
// 30,715 commits where a stable sort of a copy took 18-28 ms, moving
// 120-byte commits through reflection.
func oldestFirst(commits []source.Commit) []*source.Commit {
	order := make([]int, len(commits))
	for i := range order {
		order[i] = len(commits) - 1 - i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := commits[a].When.Compare(commits[b].When); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	byTime := make([]*source.Commit, len(commits))
	for i, j := range order {
		byTime[i] = &commits[j]
	}
	return byTime
}

// isoWeek is t's ISO year and week as one number, 202406 for the sixth
// week of 2024: the weeks are only counted, and a string each cost more
// than the counting.
func isoWeek(t time.Time) int {
	y, w := t.UTC().ISOWeek()
	return y*100 + w
}

// bulk finds the commit that added the most files and decides whether it
// is a bulk upload (see the Bulk constants).
func bulk(h *facts.History, byTime []*source.Commit, files int) {
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
	weeks := map[int]bool{}
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
func codeBulk(h *facts.History, byTime []*source.Commit, files []source.File) {
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
		// A repeat is vague whatever it says.
		vague := seen[norm]
		if !vague {
			seen[norm] = true
			vague = vagueNormal(norm)
		}
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

// IsMerge reports whether a subject is one git or GitHub writes for a
// merge ("Merge pull request #3 from ...", "Merge branch 'main' into ...").
// It is `^Merge (pull request|branch|remote-tracking branch|tag|commit) `
// without the regexp, which cost more than the rest of the test per commit.
func IsMerge(subject string) bool {
	rest, ok := strings.CutPrefix(subject, "Merge ")
	if !ok {
		return false
	}
	for _, kind := range mergeKinds {
		if strings.HasPrefix(rest, kind) {
			return true
		}
	}
	return false
}

var mergeKinds = []string{"pull request ", "branch ", "remote-tracking branch ", "tag ", "commit "}

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
// isGitHubDefault answers for it without the regexp on ASCII subjects.
var githubDefault = scan.MustCompile(`(?i)^((update|create|delete) \S*[./]\S*|add files via upload)$`)

// isGitHubDefault is githubDefault.MatchString(s). On ASCII the pattern's
// case folding and \S (anything but \t\n\f\r and space) reduce to string
// tests; elsewhere a letter may fold to an ASCII one (ſ to s, K to k),
// and the regexp decides.
func isGitHubDefault(s string) bool {
	if !isASCII(s) {
		return githubDefault.MatchString(s)
	}
	if strings.EqualFold(s, "add files via upload") {
		return true
	}
	for _, verb := range []string{"update ", "create ", "delete "} {
		if len(s) >= len(verb) && strings.EqualFold(s[:len(verb)], verb) {
			rest := s[len(verb):]
			return !strings.ContainsAny(rest, perlSpace) && strings.ContainsAny(rest, "./")
		}
	}
	return false
}

// perlSpace is what \s matches in Go's regexp.
const perlSpace = "\t\n\f\r "

// cutConventional removes a Conventional Commits prefix ("feat:",
// "fix(api)!: ") from s, as `^[a-z]+(\([^)]*\))?!?:\s*` replaced by ""
// did: the letters can only end where the next byte is not one, the
// parenthesis only at the first ")", so the pattern has one way to match.
func cutConventional(s string) (rest string, ok bool) {
	i := 0
	for i < len(s) && 'a' <= s[i] && s[i] <= 'z' {
		i++
	}
	if i == 0 {
		return s, false
	}
	if i < len(s) && s[i] == '(' {
		end := strings.IndexByte(s[i:], ')')
		if end < 0 {
			return s, false
		}
		i += end + 1
	}
	if i < len(s) && s[i] == '!' {
		i++
	}
	if i == len(s) || s[i] != ':' {
		return s, false
	}
	i++
	for i < len(s) && strings.IndexByte(perlSpace, s[i]) >= 0 {
		i++
	}
	return s[i:], true
}

// firstCommit messages are fine once; a repeat counts as vague.
var firstCommit = map[string]bool{"initial commit": true, "init": true, "initial": true, "first commit": true, "initial import": true}

// Vague reports whether a commit subject is uninformative on its own: a
// word from the usual list ("update", "fix", "wip", "asdf"), a message of
// one word or under three characters, or a GitHub web-editor default.
// "Initial commit" and the like are not vague; repeats are judged by the
// caller.
func Vague(subject string) bool { return vagueNormal(normalize(subject)) }

// vagueNormal is Vague of a subject already normalized.
func vagueNormal(s string) bool {
	if firstCommit[s] {
		return false
	}
	if isGitHubDefault(s) {
		return true
	}
	if rest, ok := cutConventional(s); ok {
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
	if isASCII(s) {
		s = lowerFieldsASCII(s)
	} else {
		s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	if t := strings.TrimRight(s, ".!?,;: "); t != "" {
		s = t
	}
	return s
}

// lowerFieldsASCII is strings.ToLower(strings.Join(strings.Fields(s), " "))
// for an ASCII s, in one pass and at most one allocation (none when s is
// already so) instead of three.
func lowerFieldsASCII(s string) string {
	if !needsLowerFields(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace(c) {
			gap = b.Len() > 0
			continue
		}
		if gap {
			b.WriteByte(' ')
			gap = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// needsLowerFields reports whether lowerFieldsASCII changes s: an upper-
// case letter, white space other than single spaces between words.
func needsLowerFields(s string) bool {
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', c != ' ' && asciiSpace(c):
			return true
		case c == ' ' && i+1 < len(s) && s[i+1] == ' ':
			return true
		}
	}
	return false
}

// asciiSpace is unicode.IsSpace on an ASCII byte, as strings.Fields tests.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
