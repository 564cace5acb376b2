package rules

import (
	"fmt"
	"strings"
)

// historyCriterion judges the commit history as a hiring manager skims it
// on GitHub: when the work happened, whether it arrived in one upload, and
// whether the messages explain it. A solo author or a young project is
// never marked down for that alone.
var historyCriterion = &Criterion{
	ID:    "history",
	Title: "Commit history",
	Doc: "Hiring managers open the commit list to see how you work: commits spread over weeks, " +
		"each a focused step with a message that says why, rather than one upload of a finished project. " +
		"Skipped when there is no git history to read (a plain folder, a repository without commits).",
	Checks: []*Check{
		{
			ID:     "history.spread",
			Title:  "Work is spread over several weeks",
			Points: 30,
			Doc: "A history with commits on many different weeks shows the project was built, not dropped in. " +
				"Passes with commits on at least 3 ISO weeks, or, for a project whose whole history fits in 3 weeks, " +
				"with commits on at least 4 different days, so a young project with steady work passes.",
			Run: historyRun(historySpread),
			Fix: historySteps("Commit each working step as you go, and push at least weekly so the history shows how the project grew",
				"Keep building in small commits over the coming weeks instead of saving everything for one push"),
		},
		{
			ID:     "history.no-bulk-upload",
			Title:  "The project was not uploaded in one commit",
			Points: 25,
			Doc: "One commit that adds most of the files, with little after it, reads as code written elsewhere " +
				"(or copied) and uploaded. It fails when a commit added at least 60% of the current files " +
				"(40% for GitHub's \"Add files via upload\") of a repository of 20 files or more, and fewer than " +
				"10 commits or fewer than 3 weeks of commits followed it. Moving files counts as no addition.",
			Run: historyRun(historyBulk),
			Fix: historySteps("Split the next features into focused commits; don't squash everything into one upload",
				"Commit from your machine with git rather than uploading files through the GitHub web page",
				"Show the work after the upload: add tests, error handling or a feature in a series of small commits over several weeks"),
		},
		{
			ID:     "history.messages",
			Title:  "Commit messages say what changed",
			Points: 20,
			Doc: "Messages such as \"update\", \"fix\", \"wip\" or GitHub's default \"Update README.md\" tell a reviewer nothing. " +
				"Passes when at most 30% of the commits (merges left out) have such messages; one-word messages, " +
				"messages under three characters and repeats of an earlier message count as uninformative too.",
			Run: historyRun(historyMessages),
			Fix: historySteps("Commit in small steps with messages that say why (Conventional Commits: feat:, fix:)",
				"Write the subject as what the commit does, e.g. \"Add pagination to GET /orders\", not \"update\"",
				"Edit the message in the GitHub web editor instead of accepting \"Update <file>\""),
		},
		{
			ID:     "history.steady",
			Title:  "No long silence in the middle of the history",
			Points: 10,
			Doc: "A history that stops for months and then resumes with a burst reads as an abandoned project revived for the job hunt. " +
				"Only judged leniently: on histories of at least 8 weeks, it fails when one gap without commits is longer than 60% of the span.",
			Run: historyRun(historySteady),
			Fix: historySteps("Push work-in-progress weekly, even small improvements, so the history has no long silences"),
		},
		{
			ID:     "history.depth",
			Title:  "At least 10 commits",
			Points: 10,
			Doc: "A handful of commits gives a reviewer little to read. Passes with 10 or more commits, " +
				"which a project built in small steps reaches within days.",
			Run: historyRun(historyDepth),
			Fix: historySteps("Commit each step separately (model, route, validation, test) instead of one large commit per feature"),
		},
		{
			ID:     "history.recent",
			Title:  "Worked on in the last six months",
			Points: 5,
			Doc: "Reviewers glance at the date of the last commit; recent activity shows the project is current. " +
				"Passes when the last commit is at most 180 days old at the time of the audit.",
			Run: historyRun(historyRecent),
			Fix: historySteps("Push a recent improvement: upgrade dependencies, add a test or close an open issue"),
		},
	},
}

// historySteps builds a stack-independent Fix: commit habits do not
// depend on the framework.
func historySteps(steps ...string) func(Stack) []string {
	return func(s Stack) []string { return ForStack(s, map[string][]string{"": steps}) }
}

// historyRun skips every history check when there is no history, and
// notes a capped history in the message.
func historyRun(run func(h History) Result) func(f *Facts) Result {
	return func(f *Facts) Result {
		h := f.History
		if !h.Available {
			why := h.Reason
			if why == "" {
				why = "no commit history to judge"
			}
			return Skip(why)
		}
		r := run(h)
		if h.Truncated && !r.Skipped {
			r.Message += " (only the newest commits were read)"
		}
		return r
	}
}

func histPlural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func historySpread(h History) Result {
	what := fmt.Sprintf("commits on %s and %s over %s", histPlural(h.ActiveWeeks, "week"), histPlural(h.ActiveDays, "day"), histPlural(h.SpanWeeks, "week"))
	switch {
	case h.ActiveWeeks >= 3:
		return Pass(what)
	case h.SpanWeeks <= 3 && h.ActiveDays >= 4:
		return Pass(what + ": a young project with steady work")
	}
	return Fail(what + "; a reviewer looks for work on at least 3 different weeks")
}

func historyBulk(h History) Result {
	if !h.AddedKnown {
		return Skip("the history does not say which files each commit added")
	}
	if h.BulkCommit == "" {
		return Pass("no commit added files that are still in the tree")
	}
	desc := fmt.Sprintf("the largest commit %s %q added %d%% of the current files (%s), then %s followed",
		histShort(h.BulkCommit), histClip(h.BulkSubject, 60), int(h.BulkShare*100+0.5), histPlural(h.BulkAdded, "file"), histPlural(h.CommitsAfterBulk, "commit"))
	if h.CodeBulk {
		return Fail(fmt.Sprintf("commit %s added %d of the %d code files and only %s changed code after it: the code reads as a bulk upload, whatever followed",
			histShort(h.CodeBulkCommit), h.CodeBulkAdded, h.CodeFiles, histPlural(h.CodeCommitsAfter, "commit")))
	}
	if h.BulkUpload {
		return Fail(desc + ": it reads as a bulk upload")
	}
	return Pass(desc)
}

func historyMessages(h History) Result {
	if h.MessageCommits == 0 {
		return Pass("only merge commits, whose messages git writes")
	}
	what := fmt.Sprintf("%d of %s have uninformative messages", h.VagueCommits, histPlural(h.MessageCommits, "commit"))
	if len(h.VagueExamples) > 0 {
		ex := make([]string, len(h.VagueExamples))
		for i, m := range h.VagueExamples {
			ex[i] = fmt.Sprintf("%q", histClip(m, 40))
		}
		what += " (" + strings.Join(ex, ", ") + ")"
	}
	if h.VagueShare <= 0.3 {
		return Pass(what)
	}
	return Fail(what + "; at most 30% should be")
}

func historySteady(h History) Result {
	if h.SpanWeeks < 8 {
		return Pass(fmt.Sprintf("the history spans %s; its longest gap is %s", histPlural(h.SpanWeeks, "week"), histPlural(h.LongestGapDays, "day")))
	}
	what := fmt.Sprintf("the longest gap between commits is %s in a history of %s", histPlural(h.LongestGapDays, "day"), histPlural(h.SpanDays, "day"))
	if float64(h.LongestGapDays) > 0.6*float64(h.SpanDays) {
		return Fail(what + ": most of the span is one silence")
	}
	return Pass(what)
}

func historyDepth(h History) Result {
	what := histPlural(h.Commits, "commit")
	if h.Commits >= 10 {
		return Pass(what)
	}
	return Fail(what + "; a reviewer expects at least 10")
}

func historyRecent(h History) Result {
	what := fmt.Sprintf("the last commit is %s old", histPlural(h.DaysSinceLast, "day"))
	if h.DaysSinceLast <= 180 {
		return Pass(what)
	}
	return Fail(what + "; more than 180")
}

// histShort abbreviates a commit hash as git does.
func histShort(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}

// histClip shortens s to n runes with an ellipsis.
func histClip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
