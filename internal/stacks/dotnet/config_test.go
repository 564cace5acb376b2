package dotnet

import "testing"

func TestConfigSecrets(t *testing.T) {
	data := []byte(`{
  // comments are allowed in appsettings
  "JWT": {
    "SecretKey": "x3vQkNmb8bkgyXLcVnCUUYzSH7ceaXq4FYEmZ6H8",
    "ValidIssuer": "https://localhost:5001",
  },
  "ConnectionStrings": {
    "Default": "Server=db;Database=Shop;User Id=sa;Password=Tr0ub4dor-Pg-2024;TrustServerCertificate=True",
    "Local": "Data Source=.;Initial Catalog=Api;Integrated Security=True"
  }
}`)
	got := ConfigSecrets(data)
	if len(got) != 2 {
		t.Fatalf("got %+v, want the JWT key and the SQL password", got)
	}
	byRule := map[string]ConfigSecret{}
	for _, s := range got {
		byRule[s.Rule] = s
	}
	if s := byRule["aspnet-jwt-key"]; s.Key != "JWT:SecretKey" || s.Line != 4 {
		t.Errorf("jwt key: %+v", s)
	}
	if s := byRule["connection-string-password"]; s.Value != "Tr0ub4dor-Pg-2024" || s.Line != 8 {
		t.Errorf("password: %+v", s)
	}

	clean := []byte(`{
  "Jwt": { "Key": "", "Issuer": "taskboard" },
  "AppSettings": { "Token": "CHANGE_THIS_IN_PRODUCTION_OR_USE_ENV_VARS" },
  "ConnectionStrings": { "Default": "Host=localhost;Database=app;Username=app;Password=CHANGE_ME" },
  "Logging": { "LogLevel": { "Default": "Information" } }
}`)
	if got := ConfigSecrets(clean); len(got) != 0 {
		t.Errorf("placeholders reported: %+v", got)
	}
	if !IsAppSettings("src/Api/appsettings.Production.json") || IsAppSettings("src/Api/package.json") {
		t.Error("IsAppSettings")
	}
}

func TestFindSecretsRedacts(t *testing.T) {
	got := findSecrets("Api/appsettings.json", []byte(`{"Jwt": {"Key": "x3vQkNmb8bkgyXLcVnCUUYzSH7ceaXq4FYEmZ6H8"}}`))
	if len(got) != 1 || got[0].Redacted != "Jwt:Key = x3vQ****" || got[0].Line != 1 {
		t.Errorf("got %+v", got)
	}
	if got := findSecrets("Api/Program.cs", []byte(`{"Jwt": {"Key": "x3vQkNmb8bkgyXLcVnCUUYzSH7ceaXq4FYEmZ6H8"}}`)); len(got) != 0 {
		t.Errorf("non-settings file: %+v", got)
	}
}
