<?php

namespace Tests\Feature;

use App\Models\Event;
use App\Models\User;
use App\Models\Venue;
use Illuminate\Foundation\Testing\RefreshDatabase;
use Laravel\Sanctum\Sanctum;
use Tests\TestCase;

class EventTest extends TestCase
{
    use RefreshDatabase;

    public function test_events_are_listed_a_page_at_a_time(): void
    {
        Event::factory()->count(25)->create();

        $this->getJson('/api/events')
            ->assertOk()
            ->assertJsonCount(20, 'data')
            ->assertJsonPath('meta.last_page', 2);
    }

    public function test_an_organiser_announces_an_event(): void
    {
        Sanctum::actingAs($user = User::factory()->create());
        $venue = Venue::factory()->create();

        $this->postJson('/api/events', [
            'venue_id' => $venue->id,
            'title' => 'Friday Jazz',
            'starts_at' => now()->addWeek()->toIso8601String(),
            'price_cents' => 1200,
        ])->assertCreated()->assertJsonPath('data.title', 'Friday Jazz');

        $this->assertDatabaseHas('events', ['organiser_id' => $user->id]);
    }

    public function test_an_event_in_the_past_is_rejected(): void
    {
        Sanctum::actingAs(User::factory()->create());

        $this->postJson('/api/events', [
            'venue_id' => Venue::factory()->create()->id,
            'title' => 'Too late',
            'starts_at' => now()->subDay()->toIso8601String(),
            'price_cents' => 0,
        ])->assertUnprocessable()->assertJsonValidationErrors('starts_at');
    }

    public function test_an_unknown_event_is_a_json_404(): void
    {
        $this->getJson('/api/events/999')->assertNotFound()->assertJson(['message' => 'Resource not found.']);
    }
}
