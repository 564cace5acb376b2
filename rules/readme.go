package rules

import "fmt"

// readmeCriterion judges the README as the project's front page: what it
// is, how to run it, how to configure it, where its API is documented and
// where it is deployed.
var readmeCriterion = &Criterion{
	ID:    "readme",
	Title: "README",
	Doc: "The README is the first and often only file a hiring manager reads. It should say what the project is, " +
		"how to run it, how to configure it, where the API is documented and where to try it. " +
		"Judged from the README at the root of the project (else the shallowest one).",
	Checks: []*Check{
		{
			ID:     "readme.present",
			Title:  "A README describes the project",
			Points: 30,
			Doc: "A missing README, a title alone, or the framework's template (the NestJS starter, Create React App, " +
				"Spring Initializr's HELP.md) says the author did not care to explain the work. Passes with a README of at " +
				"least 150 words that is not a framework template.",
			Run: readmePresent,
			Fix: func(s Stack) []string {
				return []string{
					"Write a README.md that opens with what the API does and for whom, then the features, the tech stack and how to run it",
					"Replace any generated template text with your own",
				}
			},
		},
		{
			ID:     "readme.setup",
			Title:  "The README shows how to run the project",
			Points: 25,
			Doc: "A reviewer who wants to run the project needs the commands. Passes when the README has install or run " +
				"commands in code (a fenced block, an indented block or inline code): pip install, npm install, " +
				"docker compose up, ./mvnw spring-boot:run, go run, uvicorn, ...",
			Run: readmeSection("setup", "no install or run commands"),
			Fix: readmeSetupSteps,
		},
		{
			ID:     "readme.configuration",
			Title:  "The README documents configuration",
			Points: 15,
			Doc: "Environment variables are where a fresh clone fails. Passes when the README has a configuration or " +
				"environment section, mentions the .env file, or lists variables (DATABASE_URL=..., a table of variables).",
			Run: readmeSection("configuration", "no configuration or environment variables documented"),
			Fix: readmeConfigSteps,
		},
		{
			ID:     "readme.api-docs",
			Title:  "The README points to the API documentation",
			Points: 15,
			Doc: "A reviewer wants to see the endpoints without reading the code. Passes when the README has an API or " +
				"endpoints section, links Swagger/OpenAPI/ReDoc or a Postman collection, or lists endpoints (GET /users, ...).",
			Run: readmeSection("api-docs", "no API section, endpoint list or link to the API docs"),
			Fix: readmeAPISteps,
		},
		{
			ID:     "readme.live-url",
			Title:  "The README links the deployed service",
			Points: 15,
			Doc: "Hiring managers try the URL, and they look for it in the README. Passes when the README links a deployment " +
				"on a hosting platform (onrender.com, fly.dev, railway.app, herokuapp.com, vercel.app, run.app, ...) or a link " +
				"it calls live or demo; badges and the platforms' own pages do not count.",
			Run: readmeLiveURL,
			Fix: func(s Stack) []string {
				return []string{
					"Deploy the API (see the deployment fixes) and put \"Live: https://<app>.onrender.com/docs\" near the top of the README",
					"Link straight to the interactive docs or a health endpoint, so the first click shows something working",
				}
			},
		},
	},
}

func readmePresent(f *Facts) Result {
	r := f.Readme
	switch {
	case r.Path == "":
		return Fail("no README found")
	case r.Boilerplate:
		return Fail(r.Path+" is the framework's template README", Location{Path: r.Path, Line: 1})
	case r.Words < 150:
		return Fail(fmt.Sprintf("%s has only %d words", r.Path, r.Words), Location{Path: r.Path, Line: 1})
	}
	return Pass(fmt.Sprintf("%s, %d words", r.Path, r.Words), Location{Path: r.Path, Line: 1})
}

// readmeSection passes when the README has the named section.
func readmeSection(name, missing string) func(f *Facts) Result {
	return func(f *Facts) Result {
		r := f.Readme
		if r.Path == "" {
			return Fail("no README found")
		}
		if !r.HasSection(name) {
			return Fail(r.Path+": "+missing, Location{Path: r.Path, Line: 1})
		}
		return Pass(r.Path+" has "+name, r.SectionEvidence[name])
	}
}

func readmeLiveURL(f *Facts) Result {
	r := f.Readme
	if r.Path == "" {
		return Fail("no README found")
	}
	if len(r.URLs) == 0 && !r.HasSection("live-url") {
		msg := r.Path + " links no deployed service"
		if f.Deploy.URL != "" {
			msg += " (the project is deployed at " + f.Deploy.URL + ")"
		}
		return Fail(msg, Location{Path: r.Path, Line: 1})
	}
	url := ""
	if len(r.URLs) > 0 {
		url = r.URLs[0]
	}
	return Pass(r.Path+" links "+url, r.SectionEvidence["live-url"])
}

func readmeSetupSteps(s Stack) []string {
	return Steps{ID: "readme.setup", Generic: []string{"Add a Getting started section with the install and run commands in a fenced code block", "Mention `docker compose up` if the project ships a compose file"}}.For(s)
}

func readmeAPISteps(s Stack) []string {
	return Steps{ID: "readme.api-docs", Generic: []string{"Add an API section to the README: a table of METHOD, path and purpose, and a link to the OpenAPI/Swagger docs"}}.For(s)
}

func readmeConfigSteps(s Stack) []string {
	section := "Add a Configuration section to the README: `cp .env.example .env` and a table of each variable and what it does"
	return Steps{ID: "readme.configuration", Generic: []string{"Commit a .env.example with every variable the app reads (no real values)", section}}.For(s)
}
