package rules

import (
	"fmt"
	"strings"
)

// deploymentCriterion judges whether a reviewer can try the project: a
// deployed URL that answers over HTTPS, and the configuration that
// deploys it.
var deploymentCriterion = &Criterion{
	ID:    "deployment",
	Title: "Live deployment",
	Doc: "Hiring managers try the URL: a deployed API they can call beats any description. " +
		"Judged from deploy configuration in the tree (Dockerfile, fly.toml, render.yaml, Procfile, ...), " +
		"a deployed URL (given, from the repository's homepage, deployments or README) and, when probed, how it answers.",
	Checks: []*Check{
		{
			ID:     "deployment.config",
			Title:  "Deployment is configured in the repository",
			Points: 20,
			Doc: "A Dockerfile or a platform configuration shows the project can be run outside the author's laptop. " +
				"Passes with any of Dockerfile, docker-compose, fly.toml, render.yaml, railway, Procfile, app.yaml (App Engine), " +
				"vercel.json, Kubernetes manifests, a Helm chart, Terraform, Heroku's app.json and similar, or a CI workflow that deploys.",
			Run: deployConfig,
			Fix: deploySteps,
		},
		{
			ID:     "deployment.url",
			Title:  "A deployed URL is known",
			Points: 30,
			Doc: "The guide's advice is blunt: deploy it, because hiring managers try the URL. Passes when a deployed URL " +
				"was given, set as the repository's homepage, recorded as a GitHub deployment, or linked from the README " +
				"on a hosting platform (onrender.com, fly.dev, railway.app, herokuapp.com, ...).",
			Run: deployURL,
			Fix: func(s Stack) []string {
				return append(deploySteps(s),
					"Put the deployed URL in the repository's About box (homepage) and at the top of the README")
			},
		},
		{
			ID:     "deployment.live",
			Title:  "The deployed service answers",
			Points: 35,
			Doc: "A dead link is worse than none. Passes when the deployed URL was reached and answered with a status below 500. " +
				"Skipped when it was not probed (--offline, or no URL known).",
			Run: deployLive,
			Fix: deployLiveSteps,
		},
		{
			ID:     "deployment.https",
			Title:  "The deployed service uses valid HTTPS",
			Points: 15,
			Doc: "Tokens and passwords travel to an API; plain HTTP or an expired certificate is a red flag. " +
				"Passes when the service answered over HTTPS with a certificate that has not expired. Skipped when not probed.",
			Run: deployHTTPS,
			Fix: func(s Stack) []string {
				return []string{
					"Link the https:// address the platform provides (Render, Fly.io, Railway and Cloud Run issue certificates automatically)",
					"On your own server, put Caddy or nginx with Let's Encrypt (certbot) in front and redirect HTTP to HTTPS",
				}
			},
		},
		deploymentSecurityHeaders, // rules/live.go
	},
}

func deployConfig(f *Facts) Result {
	d := f.Deploy
	if len(d.Configs) == 0 && !d.Pipeline {
		return Fail("no Dockerfile or platform configuration found")
	}
	what := append([]string{}, d.Configs...)
	if d.Pipeline {
		what = append(what, "a CI workflow that deploys")
	}
	ev := append(append([]Location{}, d.Evidence...), d.PipelineEvidence...)
	return Pass("deploy configuration: "+strings.Join(what, ", "), ev...)
}

func deployURL(f *Facts) Result {
	d := f.Deploy
	switch {
	case d.URL != "":
		src := ""
		if d.URLSource != "" {
			src = " (from " + d.URLSource + ")"
		}
		ev := d.URLEvidence
		if len(ev) == 0 {
			ev = []Location{{URL: d.URL}}
		}
		return Pass("deployed at "+d.URL+src, ev...)
	case f.Live != nil:
		return Pass("deployed at "+f.Live.URL, Location{URL: f.Live.URL})
	}
	return Fail("no deployed URL found (none given, no homepage, no hosting link in the README)")
}

func deployLive(f *Facts) Result {
	if why := notProbed(f); why != "" {
		return Skip(why)
	}
	l := f.Live
	ev := Location{URL: l.URL}
	switch {
	case !l.Reachable:
		msg := "could not reach " + l.URL
		if l.Error != "" {
			msg += ": " + l.Error
		}
		return Fail(msg, ev)
	case l.Status >= 500:
		return Fail(fmt.Sprintf("%s answered %d", l.URL, l.Status), ev)
	}
	if l.ColdStart {
		return Pass(fmt.Sprintf("%s answered %d in %d ms after a cold start (first answer took %d ms: a sleeping free tier, not an outage)",
			l.URL, l.Status, l.LatencyMS, l.FirstLatencyMS), ev)
	}
	return Pass(fmt.Sprintf("%s answered %d in %d ms", l.URL, l.Status, l.LatencyMS), ev)
}

func deployHTTPS(f *Facts) Result {
	if why := notProbed(f); why != "" {
		return Skip(why)
	}
	l := f.Live
	ev := Location{URL: l.URL}
	switch {
	case l.TLSError != "":
		return Fail(l.URL+": "+l.TLSError, ev)
	case !l.Reachable && strings.HasPrefix(l.URL, "https://"):
		return Skip("the service did not answer, so its certificate could not be checked")
	case !l.HTTPS:
		return Fail(l.URL+" is not served over HTTPS", ev)
	case l.TLSDaysLeft <= 0:
		return Fail(l.URL+" has an expired or invalid certificate", ev)
	}
	return Pass(fmt.Sprintf("HTTPS with a certificate valid for %d more days", l.TLSDaysLeft), ev)
}

// deploySteps are the fixes for a project with no deployment.
func deploySteps(s Stack) []string {
	return Steps{ID: "deployment.config", Generic: []string{
		"Add a Dockerfile that builds and starts the service on the port in `$PORT`",
		"Deploy it on Render, Fly.io, Railway or Cloud Run and link the URL in the README",
	}}.For(s)
}

func deployLiveSteps(s Stack) []string {
	logs := "Open the platform's logs for the service and fix the crash or failed build"
	wake := "Keep a free-tier instance awake or note in the README that the first request may take a while"
	port := Steps{ID: "deployment.live", Generic: []string{"Bind to the port the platform gives (`$PORT`) on host 0.0.0.0, not localhost"}}.For(s)
	return append(append([]string{logs}, port...), wake)
}
