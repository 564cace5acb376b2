package history

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/source"
)

// The subject tests and the sort were once regexps, strings.Fields and
// sort.SliceStable; the faster code must give their answers on any input.
// These are the old implementations, kept as the oracle.
var (
	referenceMergePattern = regexp.MustCompile(`^Merge (pull request|branch|remote-tracking branch|tag|commit) `)
	referenceGitHub       = regexp.MustCompile(`(?i)^((update|create|delete) \S*[./]\S*|add files via upload)$`)
	referenceConventional = regexp.MustCompile(`^[a-z]+(\([^)]*\))?!?:\s*`)
)

func referenceNormalize(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if t := strings.TrimRight(s, ".!?,;: "); t != "" {
		s = t
	}
	return s
}

func referenceVague(subject string) bool {
	s := referenceNormalize(subject)
	if firstCommit[s] {
		return false
	}
	if referenceGitHub.MatchString(s) {
		return true
	}
	if rest := referenceConventional.ReplaceAllString(s, ""); rest != s {
		return len(rest) < 3 || vagueMessages[rest]
	}
	if len(s) < 3 || vagueMessages[s] || !hasLetter(s) {
		return true
	}
	if !strings.Contains(s, " ") {
		return !nonLatin(s) || len([]rune(s)) < 4
	}
	return false
}

// subjectPieces are the parts random subjects are made of: the words and
// punctuation the patterns look for, white space \s does and does not
// cover (\v, NEL, no-break space), letters that fold to ASCII under (?i)
// (ſ, the Kelvin sign), other scripts and bytes that are not UTF-8.
var subjectPieces = []string{
	"Merge", "merge", " ", "  ", "\t", "\v", "\f", "\r", "\n", "\u0085", "\u00a0", "\u3000",
	"pull request", "branch", "remote-tracking branch", "tag", "commit", "Update", "update", "UPDATE", "create",
	"Create", "delete", "DELETE", "add files via upload", "Add files via upload", "add fileſ via upload",
	"upDate", "README.md", "app/main.py", ".", "/", "..", "feat", "fix", "fix(api)", "(", ")", "!", ":", "wip",
	"refactor", "initial commit", "Initial commit", "x", "a", "A", "é", "É", "ſ", "\u212a", "K", "k", "日本語",
	"修正", "ไทย", "\xff", "\xe2\x82", "0", "42", "-", "?", ",", ";", "#3", "'main'", "into", "from", "İ", "ß",
}

func randomSubject(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(8) {
		b.WriteString(subjectPieces[rng.IntN(len(subjectPieces))])
	}
	return b.String()
}

func oracleSubjects() []string {
	subjects := []string{"", " ", "Merge pull request #3 from a/b", "Merge branch 'main'", "Merge  branch x",
		"Update README.md", "update README", "Update README.md now", "Update\tREADME.md", "Update README.md\v",
		"Create ./", "Delete a/b c", "ADD FILES VIA UPLOAD", "add files via upload.", "Add fileſ via upload",
		"feat: add the login", "fix: fix", "fix(api)!: x", "fix(api: x", "fix(a)(b): x", "fix()!:", "fix!(a): x",
		"feat:\v\tbar", "feat:\x00", "Feat: x", "a1: wip", "initial commit", "Initial Commit!", "  Update  README.md  ",
		"done.", "...", "日本語のテスト", "修正", "Fix\u00a0bug", "\u0085fix\u0085", "\xffupdate", "update \xff.x",
		"upKate a.b", "up\u212aate a.b"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		subjects = append(subjects, randomSubject(rng))
	}
	// Random bytes, printable ASCII and not.
	for range 20000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			if rng.IntN(2) == 0 {
				b[i] = byte(rng.IntN(256))
			} else {
				b[i] = byte(' ' + rng.IntN(95))
			}
		}
		subjects = append(subjects, string(b))
	}
	return subjects
}

func TestSubjectTestsMatchTheRegexps(t *testing.T) {
	for _, s := range oracleSubjects() {
		if got, want := IsMerge(s), referenceMergePattern.MatchString(s); got != want {
			t.Errorf("IsMerge(%q) = %v, the regexp says %v", s, got, want)
		}
		if got, want := normalize(s), referenceNormalize(s); got != want {
			t.Errorf("normalize(%q) = %q, want %q", s, got, want)
		}
		if got, want := Vague(s), referenceVague(s); got != want {
			t.Errorf("Vague(%q) = %v, want %v", s, got, want)
		}
		// The two patterns on their own, on subjects not normalized.
		if got, want := isGitHubDefault(s), referenceGitHub.MatchString(s); got != want {
			t.Errorf("isGitHubDefault(%q) = %v, the regexp says %v", s, got, want)
		}
		rest, ok := cutConventional(s)
		if want := referenceConventional.ReplaceAllString(s, ""); rest != want || ok != (want != s) {
			t.Errorf("cutConventional(%q) = %q, %v; the regexp leaves %q", s, rest, ok, want)
		}
		if t.Failed() {
			return
		}
	}
}

// oldestFirst must order commits as sort.SliceStable did, ties included:
// rebased and cherry-picked commits share their author's second.
func TestOldestFirstIsTheStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for n := range 300 {
		commits := make([]source.Commit, n)
		for i := range commits {
			// Mostly newest first as git lists them, with ties, stray
			// dates, zero times and other zones.
			when := base.Add(time.Duration(n-i) * time.Hour)
			switch rng.IntN(6) {
			case 0:
				when = base.Add(time.Duration(rng.IntN(n+1)) * time.Hour)
			case 1:
				when = time.Time{}
			case 2:
				when = when.In(time.FixedZone("", 5*3600+1800))
			}
			commits[i] = source.Commit{Hash: fmt.Sprint(i), When: when}
		}
		want := make([]source.Commit, n)
		copy(want, commits)
		sort.SliceStable(want, func(i, j int) bool { return want[i].When.Before(want[j].When) })
		got := oldestFirst(commits)
		for i := range want {
			if got[i].Hash != want[i].Hash {
				t.Fatalf("%d commits: position %d holds %s, want %s", n, i, got[i].Hash, want[i].Hash)
			}
		}
	}
}
