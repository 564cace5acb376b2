package project

import (
	"reflect"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestDeployConfigs(t *testing.T) {
	cases := []struct {
		name  string
		files []scan.File
		want  []string
	}{
		{"fastapi dockerfile and render", []scan.File{
			file("Dockerfile", "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD uvicorn app.main:app --host 0.0.0.0 --port $PORT\n"),
			file("render.yaml", "services:\n  - type: web\n    name: api\n"),
		}, []string{"Dockerfile", "render.yaml"}},
		{"docs about docker are not a Dockerfile", []scan.File{
			file("docs/Dockerfile.md", "# How we build\nFROM python\n"),
			file("notes/dockerfile.txt", "FROM x"),
			file("Dockerfile.template", "# fill me in\n"),
		}, nil},
		{"dockerfile variants and compose", []scan.File{
			file("docker/api.Dockerfile", "# syntax=docker/dockerfile:1\nFROM eclipse-temurin:21-jre\n"),
			file("docker-compose.prod.yml", "services:\n  db:\n    image: postgres:16\n"),
			file("compose.yaml", "services: {}\n"),
		}, []string{"Dockerfile", "docker-compose"}},
		{"heroku, fly, railway", []scan.File{
			file("Procfile", "web: gunicorn app:app\n"),
			file("Procfile.dev", "web: flask run\n"),
			file("fly.toml", "app = 'todo'\n"),
			file("railway.toml", "[build]\n"),
			file("app.json", `{"name": "todo", "buildpacks": [{"url": "heroku/python"}]}`),
		}, []string{"fly.toml", "railway", "Procfile", "app.json"}},
		{"expo app.json and non-GAE app.yaml", []scan.File{
			file("app.json", `{"expo": {"name": "mobile", "scripts": {}}}`),
			file("config/app.yaml", "debug: true\nport: 8080\n"),
		}, nil},
		{"app engine", []scan.File{file("app.yaml", "runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\n")}, []string{"app.yaml"}},
		{"kubernetes and helm", []scan.File{
			file("k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"),
			file("charts/api/Chart.yaml", "apiVersion: v2\nname: api\n"),
			file("infra/main.tf", "provider \"aws\" {}\n"),
		}, []string{"kubernetes", "helm", "terraform"}},
		{"openapi yaml is not kubernetes", []scan.File{
			file("deploy/openapi.yaml", "openapi: 3.0.0\ninfo:\n  title: x\n"),
			file("k8s/values.yaml", "replicas: 2\n"),
		}, nil},
		{"vercel serverless ecs sam", []scan.File{
			file("vercel.json", "{}"),
			file("serverless.yml", "service: api\n"),
			file("deploy/task-definition.json", `{"family": "api", "containerDefinitions": []}`),
			file("template.yaml", "Transform: AWS::Serverless-2016-10-31\n"),
		}, []string{"vercel.json", "serverless", "ecs-task", "sam-template"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, facts.Stack{}, c.files...)
			want := c.want
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(f.Deploy.Configs, want) {
				t.Fatalf("configs = %v, want %v", f.Deploy.Configs, want)
			}
			if len(f.Deploy.Evidence) != len(want) {
				t.Errorf("evidence = %+v", f.Deploy.Evidence)
			}
		})
	}
}

func TestDockerfileEvidenceLine(t *testing.T) {
	f := run(t, facts.Stack{}, file("api.dockerfile", "# syntax=docker/dockerfile:1\n\nFROM golang:1.22 AS build\n"))
	if len(f.Deploy.Evidence) != 1 || f.Deploy.Evidence[0].Line != 3 {
		t.Errorf("evidence = %+v", f.Deploy.Evidence)
	}
}
