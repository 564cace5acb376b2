package auth

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// Literal signing keys read on real portfolios (issue 16): a Rails
// controller passing a literal to JWT.encode or returning one from a
// secret_key method, and a C# literal given to SymmetricSecurityKey; each
// beside the same code reading the key from the environment.
func TestLiteralKeysInControllers(t *testing.T) {
	rails := stack("ruby", "rails", "rails", "jwt")
	nest := stack("typescript", "nestjs", "@nestjs/core", "@nestjs/jwt")
	aspnet := stack("csharp", "aspnet", "Microsoft.AspNetCore.Authentication.JwtBearer")
	cases := []struct {
		name  string
		st    facts.Stack
		files map[string]string
		lines []int
	}{
		{"rails literal passed to JWT.encode", rails, map[string]string{
			"app/controllers/auth_controller.rb": "class AuthController < ApplicationController\n  def login\n    token = JWT.encode(payload, 'my$ecretK3y')\n    render json: { token: token }\n  end\nend\n",
		}, []int{3}},
		{"rails secret_key method", rails, map[string]string{
			"app/controllers/application_controller.rb": "class ApplicationController < ActionController::API\n  def secret_key\n    'my$ecretK3y'\n  end\n\n  def encode(payload)\n    JWT.encode(payload, secret_key, 'HS256')\n  end\nend\n",
		}, []int{3}},
		{"rails Ruby 3 endless method", rails, map[string]string{
			"app/controllers/application_controller.rb": "class ApplicationController < ActionController::API\n  def hmac_secret = \"Xk29pLmQ7rTz\"\n\n  def encode(payload) = JWT.encode(payload, hmac_secret, 'HS256')\nend\n",
		}, []int{2}},
		{"rails key constant", rails, map[string]string{
			"app/lib/json_web_token.rb": "class JsonWebToken\n  SECRET_KEY = 'my$ecretK3y'\n\n  def self.encode(payload)\n    JWT.encode(payload, SECRET_KEY)\n  end\nend\n",
		}, []int{2}},
		{"rails keys from ENV and credentials", rails, map[string]string{
			"app/controllers/application_controller.rb": "class ApplicationController < ActionController::API\n  def secret_key\n    ENV['JWT_SECRET']\n  end\n\n  def encode(payload)\n    JWT.encode(payload, secret_key, 'HS256')\n  end\n\n  def decode(token)\n    JWT.decode(token, Rails.application.credentials.secret_key_base)\n  end\nend\n",
		}, nil},
		{"rails method returning a literal no signing call uses", rails, map[string]string{
			"app/models/user.rb":                 "class User < ApplicationRecord\n  def cache_key\n    'users-v2'\n  end\nend\n",
			"app/controllers/auth_controller.rb": "class AuthController < ApplicationController\n  def login\n    JWT.encode(payload, ENV.fetch('JWT_SECRET'))\n  end\nend\n",
		}, nil},
		{"rails placeholder passed to JWT.encode", rails, map[string]string{
			"app/controllers/auth_controller.rb": "class AuthController < ApplicationController\n  def login\n    JWT.encode(payload, '<your-secret>')\n  end\nend\n",
		}, nil},
		{"nest jwtConstants object", nest, map[string]string{
			"src/auth/constants.ts":   "export const jwtConstants = {\n  secret: 'STROGONOFF',\n};\n",
			"src/auth/auth.module.ts": "import { JwtModule } from '@nestjs/jwt';\nimport { jwtConstants } from './constants';\n\n@Module({\n  imports: [JwtModule.register({ secret: jwtConstants.secret, signOptions: { expiresIn: '60s' } })],\n})\nexport class AuthModule {}\n",
		}, []int{2}},
		{"nest docs placeholder and an unrelated settings object", nest, map[string]string{
			"src/auth/constants.ts":   "export const jwtConstants = {\n  secret: 'DO NOT USE THIS VALUE. INSTEAD, CREATE A COMPLEX SECRET AND KEEP IT SAFE OUTSIDE OF THE SOURCE CODE.',\n};\nexport const sessionOptions = { secret: 'Kx7pq2Lm' };\n",
			"src/auth/auth.module.ts": "import { JwtModule } from '@nestjs/jwt';\nimport { jwtConstants } from './constants';\n\n@Module({\n  imports: [JwtModule.register({ secret: jwtConstants.secret })],\n})\nexport class AuthModule {}\n",
		}, nil},
		{"c# literal in SymmetricSecurityKey", aspnet, map[string]string{
			"Services/TokenService.cs": "using System.IdentityModel.Tokens.Jwt;\nusing Microsoft.IdentityModel.Tokens;\n\npublic class TokenService {\n  public string Create() {\n    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"k3yForSign1ngTokens2024\"));\n    var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);\n    return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(signingCredentials: creds));\n  }\n}\n",
		}, []int{6}},
		{"c# key from configuration", aspnet, map[string]string{
			"Services/TokenService.cs": "using System.IdentityModel.Tokens.Jwt;\nusing Microsoft.IdentityModel.Tokens;\n\npublic class TokenService {\n  public string Create() {\n    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_config[\"Jwt:Key\"]));\n    var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);\n    return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(signingCredentials: creds));\n  }\n}\n",
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := detect(t, tc.st, tc.files)
			var got []int
			for _, k := range a.HardcodedKeys {
				got = append(got, k.Line)
			}
			if len(got) != len(tc.lines) {
				t.Fatalf("hard-coded keys at lines %v, want %v", got, tc.lines)
			}
			for i := range got {
				if got[i] != tc.lines[i] {
					t.Fatalf("hard-coded keys at lines %v, want %v", got, tc.lines)
				}
			}
		})
	}
}
