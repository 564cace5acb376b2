<?php

namespace Tests\Feature;

use App\Models\User;
use Illuminate\Foundation\Testing\RefreshDatabase;
use Tests\TestCase;

class AuthTest extends TestCase
{
    use RefreshDatabase;

    public function test_register_returns_a_token_and_hashes_the_password(): void
    {
        $response = $this->postJson('/api/auth/register', [
            'name' => 'Ana',
            'email' => 'ana@example.com',
            'password' => 'correct horse battery',
            'password_confirmation' => 'correct horse battery',
        ]);

        $response->assertCreated()->assertJsonStructure(['user' => ['id', 'email'], 'token']);
        $this->assertNotSame('correct horse battery', User::first()->password);
    }

    public function test_login_with_a_wrong_password_is_refused(): void
    {
        $user = User::factory()->create();

        $this->postJson('/api/auth/login', ['email' => $user->email, 'password' => 'nope'])
            ->assertUnauthorized()
            ->assertJson(['message' => 'Invalid credentials.']);
    }

    public function test_the_user_route_needs_a_token(): void
    {
        $this->getJson('/api/user')->assertUnauthorized()->assertJson(['message' => 'Unauthenticated.']);
    }
}
