<?php

namespace Database\Factories;

use App\Models\User;
use App\Models\Venue;
use Illuminate\Database\Eloquent\Factories\Factory;

class EventFactory extends Factory
{
    public function definition(): array
    {
        return [
            'venue_id' => Venue::factory(),
            'organiser_id' => User::factory(),
            'title' => fake()->sentence(3),
            'starts_at' => fake()->dateTimeBetween('+1 week', '+3 months'),
            'price_cents' => fake()->numberBetween(500, 4500),
        ];
    }
}
