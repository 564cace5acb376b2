<?php

namespace App\Http\Controllers;

use App\Http\Requests\LoginRequest;
use App\Http\Requests\RegisterRequest;
use App\Models\User;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Hash;
use Illuminate\Support\Facades\Log;
use OpenApi\Attributes as OA;

class AuthController extends Controller
{
    #[OA\Post(path: '/api/auth/register', summary: 'Create an account and return a token', tags: ['auth'],
        responses: [
            new OA\Response(response: 201, description: 'Account created'),
            new OA\Response(response: 422, description: 'Invalid input'),
        ])]
    public function register(RegisterRequest $request): JsonResponse
    {
        $user = User::create([
            'name' => $request->validated('name'),
            'email' => $request->validated('email'),
            'password' => Hash::make($request->validated('password')),
        ]);

        Log::info('user registered', ['user_id' => $user->id]);

        return response()->json([
            'user' => $user,
            'token' => $user->createToken('api')->plainTextToken,
        ], 201);
    }

    #[OA\Post(path: '/api/auth/login', summary: 'Exchange email and password for a token', tags: ['auth'],
        responses: [
            new OA\Response(response: 200, description: 'Token issued'),
            new OA\Response(response: 401, description: 'Wrong email or password'),
            new OA\Response(response: 422, description: 'Invalid input'),
        ])]
    public function login(LoginRequest $request): JsonResponse
    {
        $user = User::where('email', $request->validated('email'))->first();

        if (! $user || ! Hash::check($request->validated('password'), $user->password)) {
            Log::warning('failed login', ['email' => $request->validated('email')]);

            return response()->json(['message' => 'Invalid credentials.'], 401);
        }

        return response()->json(['token' => $user->createToken('api')->plainTextToken]);
    }

    #[OA\Post(path: '/api/auth/logout', summary: 'Revoke the current token', tags: ['auth'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 204, description: 'Token revoked'),
            new OA\Response(response: 401, description: 'Not authenticated'),
        ])]
    public function logout(Request $request): JsonResponse
    {
        $request->user()->currentAccessToken()->delete();

        return response()->json(null, 204);
    }

    #[OA\Get(path: '/api/user', summary: 'The authenticated user', tags: ['auth'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 200, description: 'The user'),
            new OA\Response(response: 401, description: 'Not authenticated'),
        ])]
    public function me(Request $request): JsonResponse
    {
        return response()->json($request->user());
    }
}
