package github

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// UserRepo is one repository of a user as the repository list shows it.
type UserRepo struct {
	Name          string
	FullName      string
	Description   string
	Language      string
	Homepage      string
	DefaultBranch string
	Topics        []string
	Fork          bool
	Archived      bool
	// Size is in kilobytes, as GitHub reports it.
	Size     int
	Stars    int
	PushedAt time.Time
}

// Users reads what a profile audit needs about a user: the repository
// list and the user's own commits. One Users shares one client (token,
// cache, rate budget) across its requests.
type Users struct {
	c    *client
	host string
}

// maxRepoPages bounds the repository list: 10 pages of 100.
const maxRepoPages = 10

// NewUsers prepares requests about users of host ("" means github.com).
func NewUsers(ctx context.Context, host string, opts Options) (*Users, error) {
	if host == "" {
		host = "github.com"
	}
	opts.defaults()
	c, err := newClient(ctx, Target{Host: host, Raw: host}, &opts)
	if err != nil {
		return nil, err
	}
	return &Users{c: c, host: host}, nil
}

// Stats returns the request counters so far.
func (u *Users) Stats() Stats { return u.c.opts.Stats.Snapshot() }

// Repos lists the public repositories user owns, all pages up to 1,000.
func (u *Users) Repos(ctx context.Context, user string) ([]UserRepo, error) {
	what := "GET /users/" + user + "/repos"
	special := map[int]answer{http.StatusNotFound: {NotFound, fmt.Sprintf("user %s not found on %s", user, u.host)}}
	var out []UserRepo
	// The cap counts requests, not page numbers: a server whose Link
	// header never moves on must not keep the loop going.
	for page, n := 1, 0; n < maxRepoPages; n++ {
		var list []*gh.Repository
		resp, err := u.c.call(ctx, what, special, func(ctx context.Context) (*gh.Response, error) {
			l, resp, err := u.c.gh.Repositories.ListByUser(ctx, user, &gh.RepositoryListByUserOptions{
				Type: "owner", Sort: "pushed", ListOptions: gh.ListOptions{Page: page, PerPage: 100}})
			list = l
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		for _, r := range list {
			out = append(out, UserRepo{
				Name: r.GetName(), FullName: r.GetFullName(), Description: strings.TrimSpace(r.GetDescription()),
				Language: r.GetLanguage(), Homepage: strings.TrimSpace(r.GetHomepage()), DefaultBranch: r.GetDefaultBranch(),
				Topics: r.Topics, Fork: r.GetFork(), Archived: r.GetArchived(), Size: r.GetSize(),
				Stars: r.GetStargazersCount(), PushedAt: r.GetPushedAt().Time,
			})
		}
		if resp.NextPage == 0 || len(list) == 0 {
			break
		}
		page = resp.NextPage
	}
	return out, nil
}

// CommitDates returns the author dates of up to 100 commits by author in
// owner/name since since, newest first: one request. A fork's commits by
// its owner are the work of its own.
func (u *Users) CommitDates(ctx context.Context, owner, name, author string, since time.Time) ([]time.Time, error) {
	what := "GET /repos/" + owner + "/" + name + "/commits"
	special := map[int]answer{
		http.StatusNotFound: {NotFound, fmt.Sprintf("repository %s/%s not found", owner, name)},
		http.StatusConflict: {Empty, fmt.Sprintf("repository %s/%s is empty", owner, name)},
	}
	var list []*gh.RepositoryCommit
	_, err := u.c.call(ctx, what, special, func(ctx context.Context) (*gh.Response, error) {
		l, resp, err := u.c.gh.Repositories.ListCommits(ctx, owner, name, &gh.CommitsListOptions{
			Author: author, Since: since, ListOptions: gh.ListOptions{PerPage: 100}})
		list = l
		return resp, err
	})
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, 0, len(list))
	for _, rc := range list {
		if d := rc.GetCommit().GetAuthor().GetDate().Time; !d.Before(since) {
			out = append(out, d)
		}
	}
	return out, nil
}
