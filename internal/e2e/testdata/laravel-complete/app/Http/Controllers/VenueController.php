<?php

namespace App\Http\Controllers;

use App\Models\Venue;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use OpenApi\Attributes as OA;

class VenueController extends Controller
{
    #[OA\Get(path: '/api/venues', summary: 'List venues, 20 a page', tags: ['venues'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 200, description: 'A page of venues'),
            new OA\Response(response: 401, description: 'Not authenticated'),
        ])]
    public function index(): JsonResponse
    {
        return response()->json(Venue::orderBy('name')->paginate(20));
    }

    #[OA\Post(path: '/api/venues', summary: 'Register a venue', tags: ['venues'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 201, description: 'Venue created'),
            new OA\Response(response: 401, description: 'Not authenticated'),
            new OA\Response(response: 422, description: 'Invalid input'),
        ])]
    public function store(Request $request): JsonResponse
    {
        $data = $request->validate([
            'name' => ['required', 'string', 'max:120'],
            'city' => ['required', 'string', 'max:80'],
            'capacity' => ['required', 'integer', 'min:1', 'max:100000'],
        ]);

        return response()->json(Venue::create($data), 201);
    }

    #[OA\Get(path: '/api/venues/{venue}', summary: 'One venue', tags: ['venues'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 200, description: 'The venue'),
            new OA\Response(response: 404, description: 'No such venue'),
        ])]
    public function show(Venue $venue): JsonResponse
    {
        return response()->json($venue->loadCount('events'));
    }

    #[OA\Put(path: '/api/venues/{venue}', summary: 'Change a venue', tags: ['venues'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 200, description: 'Venue updated'),
            new OA\Response(response: 404, description: 'No such venue'),
            new OA\Response(response: 422, description: 'Invalid input'),
        ])]
    public function update(Request $request, Venue $venue): JsonResponse
    {
        $venue->update($request->validate([
            'name' => ['sometimes', 'string', 'max:120'],
            'city' => ['sometimes', 'string', 'max:80'],
            'capacity' => ['sometimes', 'integer', 'min:1', 'max:100000'],
        ]));

        return response()->json($venue);
    }
}
