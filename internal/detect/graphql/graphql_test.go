package graphql

import (
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// run feeds files (path, content pairs) to a fresh detector the way the
// collector does and returns the GraphQL facts it writes.
func run(t *testing.T, stack facts.Stack, files ...string) facts.GraphQL {
	t.Helper()
	if len(files)%2 != 0 {
		t.Fatal("files must be path, content pairs")
	}
	d := New()
	for i := 0; i < len(files); i += 2 {
		f := scan.File{Path: files[i]}
		if d.Wants(scan.Classify(files[i])) {
			f.Data = []byte(strings.TrimPrefix(files[i+1], "\n"))
		}
		d.Scan(f)
	}
	inv := &facts.Facts{Stack: stack}
	d.Finish(inv)
	return inv.GraphQL
}

func stackOf(lang, fw string, deps ...string) facts.Stack {
	s := facts.Stack{Language: lang, Framework: fw, Dependencies: map[string]bool{}}
	for _, d := range deps {
		s.Dependencies[d] = true
	}
	return s
}

type want struct {
	server             string
	schema             string
	queries, mutations int
	described          int
	types              []string
}

func check(t *testing.T, g facts.GraphQL, w want) {
	t.Helper()
	if g.Server != w.server || g.Schema != w.schema || g.Queries != w.queries || g.Mutations != w.mutations {
		t.Errorf("got server=%q schema=%q queries=%d mutations=%d; want %q %q %d %d",
			g.Server, g.Schema, g.Queries, g.Mutations, w.server, w.schema, w.queries, w.mutations)
	}
	if g.Described != w.described {
		t.Errorf("described = %d, want %d", g.Described, w.described)
	}
	if w.types != nil && !slices.Equal(g.TypeNames, w.types) {
		t.Errorf("types = %q, want %q", g.TypeNames, w.types)
	}
	if w.server != "" && len(g.Evidence) == 0 {
		t.Error("no evidence for a GraphQL server")
	}
	if w.server == "" && g.Server == "" && (g.Queries != 0 || g.Types != 0 || len(g.Evidence) != 0) {
		t.Errorf("no server, yet facts were filled: %+v", g)
	}
}

const grapheneSchema = `
import graphene
from graphene_django import DjangoObjectType

from .models import Author, Book, Review


class AuthorType(DjangoObjectType):
    class Meta:
        model = Author
        fields = ("id", "name", "books")


class BookType(DjangoObjectType):
    class Meta:
        model = Book


class ReviewType(DjangoObjectType):
    class Meta:
        model = Review


class BookQueries(graphene.ObjectType):
    books = graphene.List(BookType, description="All books, newest first")
    book = graphene.Field(
        BookType,
        id=graphene.ID(required=True),
        description="One book by id",
    )
    authors = graphene.List(AuthorType)

    def resolve_books(root, info):
        return Book.objects.order_by("-published")

    def resolve_book(root, info, id):
        return Book.objects.get(pk=id)


class CreateBook(graphene.Mutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        description = "Creates a book."

    book = graphene.Field(BookType)

    def mutate(root, info, title):
        return CreateBook(book=Book.objects.create(title=title))


class DeleteBook(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        description = graphene.String()

    ok = graphene.Boolean()


class Mutation(graphene.ObjectType):
    create_book = CreateBook.Field()
    delete_book = DeleteBook.Field()


schema = graphene.Schema(query=BookQueries, mutation=Mutation)
`

func TestGraphene(t *testing.T) {
	st := stackOf("python", "django", "django", "graphene-django")
	g := run(t, st,
		"library/schema.py", grapheneSchema,
		"library/urls.py", `
from django.urls import path
from graphene_django.views import GraphQLView
from django.views.decorators.csrf import csrf_exempt

urlpatterns = [path("graphql/", csrf_exempt(GraphQLView.as_view(graphiql=True)))]
`)
	check(t, g, want{server: "graphene", queries: 3, mutations: 2, described: 3,
		types: []string{"AuthorType", "BookType", "ReviewType"}})
	if g.Evidence[0].Path != "library/schema.py" || g.Evidence[0].Line != 65 {
		t.Errorf("first evidence = %+v, want graphene.Schema(...)", g.Evidence[0])
	}

	// A plain Django REST project: no GraphQL, even with a class named Query.
	g = run(t, stackOf("python", "django", "django", "djangorestframework"),
		"shop/views.py", `
from rest_framework import viewsets

class Query(object):
    name = "not graphql"

class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()
`)
	check(t, g, want{})
}

func TestStrawberry(t *testing.T) {
	st := stackOf("python", "fastapi", "fastapi", "strawberry-graphql")
	g := run(t, st,
		"app/main.py", `
from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter

from app.schema import schema

app = FastAPI()
app.include_router(GraphQLRouter(schema), prefix="/graphql")
`,
		"app/schema.py", `
import strawberry
from typing import List


@strawberry.type
class Todo:
    id: strawberry.ID
    title: str
    done: bool


@strawberry.type
class Query:
    todos: List[Todo] = strawberry.field(resolver=get_todos)

    @strawberry.field(description="A todo by id")
    def todo(self, id: strawberry.ID) -> Todo:
        return load(id)


@strawberry.type
class Mutation:
    @strawberry.mutation
    def add_todo(self, title: str) -> Todo:
        return create(title)

    @strawberry.mutation
    async def complete_todo(self, id: strawberry.ID) -> Todo:
        return complete(id)


schema = strawberry.Schema(query=Query, mutation=Mutation)
`)
	check(t, g, want{server: "strawberry", queries: 2, mutations: 2, described: 1, types: []string{"Todo"}})

	// FastAPI REST with pydantic models named like types: no GraphQL.
	g = run(t, stackOf("python", "fastapi", "fastapi", "pydantic"),
		"app/main.py", `
from fastapi import FastAPI, Query

app = FastAPI()

@app.get("/todos")
def list_todos(q: str = Query(None)):
    return []
`)
	check(t, g, want{})
}

func TestAriadneSDLInPythonString(t *testing.T) {
	g := run(t, stackOf("python", "flask", "flask", "ariadne"),
		"api/schema.py", `
from ariadne import QueryType, make_executable_schema, gql

type_defs = gql("""
    type Query {
        "Every post"
        posts: [Post!]!
        post(id: ID!): Post
    }

    type Mutation {
        createPost(title: String!, body: String): Post!
    }

    type Post {
        id: ID!
        title: String!
    }
""")

query = QueryType()
schema = make_executable_schema(type_defs, query)
`)
	check(t, g, want{server: "ariadne", schema: "api/schema.py", queries: 2, mutations: 1, described: 1, types: []string{"Post"}})
	if g.Evidence[len(g.Evidence)-1] != (facts.Location{Path: "api/schema.py", Line: 4}) {
		t.Errorf("evidence = %+v, want the type Query line 4", g.Evidence)
	}
}

func TestApollo(t *testing.T) {
	st := stackOf("javascript", "express", "express", "@apollo/server", "graphql")
	g := run(t, st,
		"src/index.js", `
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@apollo/server/express4';
import { typeDefs } from './schema.js';

const server = new ApolloServer({ typeDefs, resolvers });
await server.start();
app.use('/graphql', cors(), express.json(), expressMiddleware(server));
`,
		"src/schema.js", "export const typeDefs = `#graphql\n"+`
  type Book {
    id: ID!
    title: String
    author: Author
  }

  type Author {
    id: ID!
    name: String
  }

  type Query {
    books: [Book]
    book(id: ID!): Book
    authors: [Author]
  }

  type Mutation {
    addBook(title: String, authorId: ID!): Book
  }
`+"`;\n")
	check(t, g, want{server: "apollo", schema: "src/schema.js", queries: 3, mutations: 1, types: []string{"Author", "Book"}})

	// A React frontend with Apollo Client and client queries only: the
	// repository serves no GraphQL API.
	g = run(t, stackOf("typescript", "", "react", "@apollo/client", "graphql"),
		"web/src/queries.ts", "import { gql } from '@apollo/client';\n\nexport const GET_BOOKS = gql`\n  query GetBooks {\n    books { id title }\n  }\n`;\n",
		"web/src/operations.graphql", "query GetUser($id: ID!) {\n  user(id: $id) { id name }\n}\n\nmutation Login($email: String!) {\n  login(email: $email) { token }\n}\n",
		"web/src/App.tsx", "import { ApolloClient, InMemoryCache } from '@apollo/client';\nconst client = new ApolloClient({ uri: '/graphql', cache: new InMemoryCache() });\n")
	check(t, g, want{})
}

func TestNestGraphQLCodeFirst(t *testing.T) {
	st := stackOf("typescript", "nestjs", "@nestjs/core", "@nestjs/graphql", "@nestjs/apollo")
	g := run(t, st,
		"src/app.module.ts", `
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
  ],
})
export class AppModule {}
`,
		"src/recipes/recipes.resolver.ts", `
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Recipe } from './models/recipe.model';

@Resolver(() => Recipe)
export class RecipesResolver {
  constructor(private readonly recipesService: RecipesService) {}

  @Query(() => Recipe, { description: 'One recipe by id' })
  async recipe(@Args('id') id: string): Promise<Recipe> {
    return this.recipesService.findOneById(id);
  }

  @Query(() => [Recipe])
  recipes(@Args() args: RecipesArgs): Promise<Recipe[]> {
    return this.recipesService.findAll(args);
  }

  @Mutation(() => Recipe)
  addRecipe(@Args('newRecipeData') data: NewRecipeInput): Promise<Recipe> {
    return this.recipesService.create(data);
  }

  @Mutation((returns) => Boolean)
  removeRecipe(@Args('id') id: string) {
    return this.recipesService.remove(id);
  }
}
`,
		"src/recipes/models/recipe.model.ts", `
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'recipe' })
export class Recipe {
  @Field(type => ID)
  id: string;
}
`)
	check(t, g, want{server: "nestjs-graphql", queries: 2, mutations: 2, described: 1, types: []string{"Recipe"}})

	// A REST NestJS controller uses @Query() for query parameters: not GraphQL.
	g = run(t, stackOf("typescript", "nestjs", "@nestjs/core", "@nestjs/swagger"),
		"src/cats/cats.controller.ts", `
import { Controller, Get, Query } from '@nestjs/common';

@Controller('cats')
export class CatsController {
  @Get()
  findAll(@Query() query: ListAllEntities) {
    return this.catsService.findAll(query);
  }
}
`)
	check(t, g, want{})
}

func TestTypeGraphQL(t *testing.T) {
	g := run(t, stackOf("typescript", "express", "express", "type-graphql", "apollo-server-express"),
		"src/resolvers/UserResolver.ts", `
import { Resolver, Query, Mutation, Arg } from "type-graphql";

@Resolver()
export class UserResolver {
  @Query(() => [User])
  users() { return User.find(); }

  @Mutation(() => User, { description: "Sign up" })
  register(@Arg("data") data: RegisterInput) { return createUser(data); }
}
`)
	check(t, g, want{server: "type-graphql", queries: 1, mutations: 1, described: 1})
}

func TestSpringGraphQL(t *testing.T) {
	st := stackOf("java", "spring-boot", "spring-boot-starter-web", "spring-boot-starter-graphql",
		"org.springframework.boot:spring-boot-starter-graphql")
	st.Manifest = "pom.xml"
	g := run(t, st,
		"src/main/resources/graphql/schema.graphqls", `
"""A book in the catalogue"""
type Book {
  id: ID!
  name: String
  author: Author
}

type Author {
  id: ID!
  firstName: String
}

type Query {
  "Find a book by id"
  bookById(id: ID): Book
  books(first: Int = 10, after: String): [Book!]! @deprecated(reason: "use search")
}

extend type Query {
  authors: [Author]
}

type Mutation {
  addBook(name: String!, authorId: ID!): Book
}

input BookFilter { name: String }
enum Genre { FICTION, NON_FICTION }
`,
		"src/main/java/com/example/graphql/BookController.java", `
package com.example.graphql;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
public class BookController {
    @QueryMapping
    public Book bookById(@Argument String id) {
        return Book.getById(id);
    }

    @QueryMapping
    public List<Book> books() { return Book.all(); }

    @SchemaMapping
    public Author author(Book book) {
        return Author.getById(book.authorId());
    }
}
`)
	check(t, g, want{server: "spring-graphql", schema: "src/main/resources/graphql/schema.graphqls",
		queries: 3, mutations: 1, described: 1, types: []string{"Author", "Book"}})

	// Kotlin DGS with the schema only in code annotations.
	g = run(t, stackOf("kotlin", "spring-boot", "graphql-dgs-spring-graphql-starter"),
		"src/main/kotlin/com/example/ShowsDataFetcher.kt", `
package com.example

import com.netflix.graphql.dgs.DgsComponent
import com.netflix.graphql.dgs.DgsQuery
import com.netflix.graphql.dgs.DgsMutation
import com.netflix.graphql.dgs.DgsData

@DgsComponent
class ShowsDataFetcher {
    @DgsQuery
    fun shows(@InputArgument titleFilter: String?): List<Show> = shows

    @DgsData(parentType = "Query", field = "show")
    fun show(): Show = shows.first()

    @DgsMutation
    fun addShow(@InputArgument title: String): Show = Show(title)
}
`)
	check(t, g, want{server: "dgs", queries: 2, mutations: 1})

	// A Spring MVC REST API has no GraphQL.
	g = run(t, stackOf("java", "spring-boot", "spring-boot-starter-web"),
		"src/main/java/com/example/BookController.java", `
@RestController
@RequestMapping("/api/books")
public class BookController {
    @GetMapping
    public List<Book> list(@RequestParam String query) { return repo.findAll(); }
}
`)
	check(t, g, want{})
}

func TestGqlgen(t *testing.T) {
	st := stackOf("go", "chi", "github.com/go-chi/chi/v5", "github.com/99designs/gqlgen")
	g := run(t, st,
		"gqlgen.yml", "schema:\n  - graph/*.graphqls\n",
		"graph/schema.graphqls", `
type Todo {
  id: ID!
  text: String!
  done: Boolean!
  user: User!
}

type User {
  id: ID!
  name: String!
}

type Query {
  todos: [Todo!]!
}

input NewTodo {
  text: String!
  userId: String!
}

type Mutation {
  createTodo(input: NewTodo!): Todo!
}
`,
		"graph/schema.resolvers.go", `
package graph

// This file will be automatically regenerated based on the schema.

func (r *mutationResolver) CreateTodo(ctx context.Context, input model.NewTodo) (*model.Todo, error) {
	return r.store.Create(ctx, input)
}

func (r *queryResolver) Todos(ctx context.Context) ([]*model.Todo, error) {
	return r.store.List(ctx)
}

func (r *Resolver) Mutation() MutationResolver { return &mutationResolver{r} }
`,
		"graph/generated.go", "// Code generated by github.com/99designs/gqlgen, DO NOT EDIT.\n\npackage graph\n\nfunc (r *queryResolver) Fake1(ctx context.Context) {}\nfunc (r *queryResolver) Fake2(ctx context.Context) {}\n",
		"server.go", `
package main

import (
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/playground"
)

func main() {
	srv := handler.NewDefaultServer(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}))
	http.Handle("/query", srv)
}
`)
	check(t, g, want{server: "gqlgen", schema: "graph/schema.graphqls", queries: 1, mutations: 1, types: []string{"Todo", "User"}})
	if g.Evidence[0] != (facts.Location{Path: "server.go", Line: 9}) {
		t.Errorf("first evidence = %+v, want the gqlgen handler", g.Evidence[0])
	}

	// A gin REST API whose code declares a Go type named Query: no GraphQL.
	g = run(t, stackOf("go", "gin", "github.com/gin-gonic/gin"),
		"internal/store/query.go", "package store\n\ntype Query struct {\n\tLimit int\n}\n",
		"schema.graphql", "type Query {\n  users: [User]\n}\n")
	check(t, g, want{})
}

func TestGraphGophersSDLInGoString(t *testing.T) {
	g := run(t, stackOf("go", "net-http", "github.com/graph-gophers/graphql-go"),
		"main.go", "package main\n\nimport (\n\tgraphql \"github.com/graph-gophers/graphql-go\"\n)\n\nvar s = `\n\tschema { query: RootQuery mutation: RootMutation }\n\ttype RootQuery { hello: String! user(id: ID!): User }\n\ttype RootMutation { rename(name: String!): User }\n\ttype User { id: ID! }\n`\n\nfunc main() { graphql.MustParseSchema(s, &resolver{}) }\n")
	check(t, g, want{server: "graphql-go", schema: "main.go", queries: 2, mutations: 1, types: []string{"User"}})
}

func TestYogaAndMercuriusAndDeps(t *testing.T) {
	g := run(t, stackOf("typescript", "fastify", "fastify", "mercurius"),
		"src/server.ts", "import Fastify from 'fastify';\nimport mercurius from 'mercurius';\n\nconst app = Fastify();\napp.register(mercurius, { schema, resolvers, graphiql: true });\n")
	check(t, g, want{server: "mercurius"})

	g = run(t, stackOf("typescript", "", "graphql-yoga"),
		"src/main.ts", "import { createYoga, createSchema } from 'graphql-yoga';\nconst yoga = createYoga({ schema: createSchema({ typeDefs: /* GraphQL */ `\n  type Query { hello: String }\n`, resolvers }) });\n")
	check(t, g, want{server: "yoga", schema: "src/main.ts", queries: 1})

	// Only the manifest names the server library.
	st := stackOf("python", "django", "strawberry-graphql-django")
	st.Manifest = "pyproject.toml"
	g = run(t, st, "app/models.py", "from django.db import models\n")
	check(t, g, want{server: "strawberry"})
	if g.Evidence[0].Path != "pyproject.toml" {
		t.Errorf("evidence = %+v, want the manifest", g.Evidence)
	}
}

func TestTestsAreNotSchemas(t *testing.T) {
	g := run(t, stackOf("typescript", "express", "express", "@apollo/server"),
		"src/server.ts", "import { ApolloServer } from '@apollo/server';\n",
		"src/__tests__/schema.test.ts", "const typeDefs = `type Query { a: Int b: Int c: Int }`;\n",
		"test/fixtures/schema.graphql", "type Query { a: Int b: Int }\n")
	check(t, g, want{server: "apollo"})
}

func TestBadInput(t *testing.T) {
	inputs := []string{
		"type Query {", "type Query { a(: }", "\"\"\"unterminated", "type", "extend type Query @x(",
		"schema { query", "type Query implements Node & { a: Int }", string([]byte{0xff, 0xfe, '{', '}', '}', '('}),
		strings.Repeat("{", 10000), strings.Repeat("type Query { a: Int }\n", 2000),
	}
	for _, in := range inputs {
		run(t, stackOf("go", "", "github.com/99designs/gqlgen"), "schema.graphqls", in, "x.go", "package x\nvar s = `"+in+"`\n")
		run(t, stackOf("python", "", "graphene"), "s.py", "import graphene\nclass Query(graphene.ObjectType):\n"+in+"\n", "m.py", "x = \"\"\""+in)
	}
}
