package stacks

import (
	"github.com/vetfolio/vetfolio/internal/stacks/dotnet"
	"github.com/vetfolio/vetfolio/internal/stacks/golang"
	"github.com/vetfolio/vetfolio/internal/stacks/js"
	"github.com/vetfolio/vetfolio/internal/stacks/jvm"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/internal/stacks/php"
	"github.com/vetfolio/vetfolio/internal/stacks/python"
	"github.com/vetfolio/vetfolio/internal/stacks/ruby"
)

// all is THE list of stack packs. Adding a language group is one package
// under internal/stacks/<group> and one line here. Order matters only
// where two packs would claim one extension (none do).
var all = []*pack.Pack{
	python.Pack,
	jvm.Pack,
	js.Pack,
	golang.Pack,
	dotnet.Pack,
	ruby.Pack,
	php.Pack,
}
