// Package dotnet is the ASP.NET Core stack knowledge: how a C# web API
// declares its routes (attribute-routed controllers and minimal APIs),
// protects them ([Authorize], RequireAuthorization), authenticates (JWT
// bearer, ASP.NET Identity, cookies), hashes passwords, versions its schema
// (EF Core migrations), relates its models, generates OpenAPI, handles
// errors, logs, checks health, and tests itself.
//
// Everything here is a pure function or table over one file's contents, so
// the concern engines can ask it without knowing C#. Inputs are the file's
// bytes as read; functions that need comment-free text blank comments
// themselves with Code.
package dotnet
