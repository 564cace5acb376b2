package secret

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Found auditing usememos/memos: connect-go's generated procedure names and
// a translated UI string were reported as committed secrets.
func TestProcedureNamesAndUIStringsAreNotSecrets(t *testing.T) {
	connect := `package apiv1connect

const (
	// AuthServiceRefreshTokenProcedure is the fully-qualified name of the AuthService's RefreshToken RPC.
	AuthServiceRefreshTokenProcedure = "/memos.api.v1.AuthService/RefreshToken"
	UserServiceCreatePersonalAccessTokenProcedure = "/memos.api.v1.UserService/CreatePersonalAccessToken"
)
`
	locale := `{
  "setting": {
    "accesskey-description": "バケットまたはS3互換サービスのアクセスキーID。",
    "secret-key-hint": "S3互換サービスのシークレットキー2。"
  }
}
`
	got := run(
		scan.File{Path: "proto/gen/api/v1/apiv1connect/auth_service.connect.go", Data: []byte(connect)},
		scan.File{Path: "web/src/locales/ja.json", Data: []byte(locale)},
	)
	if len(got) != 0 {
		t.Errorf("reported %v", got)
	}
	// The same files with a real key assigned are still reported.
	leak := `package config

const (
	AuthSecretKey = "k3Jd9Qx7Lm2Pz8Rt5Vw1Yb4Nc6Hf0Sa"
)
`
	got = run(scan.File{Path: "internal/config/keys.go", Data: []byte(leak)})
	if len(got) != 1 || got[0].Rule != "generic-secret-assignment" {
		t.Errorf("a real key: got %v, want one generic-secret-assignment", got)
	}
}
