// Package github reads a repository on GitHub (or GitHub Enterprise) into a
// source.Snapshot without cloning it: repository metadata, one tarball of
// the audited commit extracted into a temporary folder, the commits
// endpoint for the history, the latest workflow run and the latest
// successful deployment.
//
// Budget: a cold audit of a repository with at most 100 commits sends at
// most 6 REST requests (repository, commits, tarball link, and up to three
// of: workflow runs, one commit's detail, deployments and their statuses),
// plus the tarball download itself, which is not a REST request.
//
// Tokens come from GITHUB_TOKEN, then GH_TOKEN, then `gh auth token`; none
// is needed for public repositories. The API base is GITHUB_API_URL
// (default https://api.github.com/); a GitHub Enterprise URL target uses
// https://HOST/api/v3/ unless GITHUB_API_URL is set.
//
// Responses are cached under os.UserCacheDir()/vetfolio/github (or
// VETFOLIO_CACHE_DIR) with their ETag and Last-Modified, so a warm audit
// sends conditional requests, which GitHub does not count against the rate
// limit when they are answered 304; the tarball of a commit is kept and
// reused while the commit has not changed.
//
// Every failure is an *Error (or a *TargetError for a malformed target)
// with an ExitCode method, and a one-line message that never contains the
// token.
package github
