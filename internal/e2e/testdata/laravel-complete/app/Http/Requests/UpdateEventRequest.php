<?php

namespace App\Http\Requests;

use Illuminate\Foundation\Http\FormRequest;

class UpdateEventRequest extends FormRequest
{
    public function authorize(): bool
    {
        return $this->route('event')->organiser_id === $this->user()->id;
    }

    public function rules(): array
    {
        return [
            'title' => ['sometimes', 'string', 'max:160'],
            'starts_at' => ['sometimes', 'date', 'after:now'],
            'price_cents' => ['sometimes', 'integer', 'min:0'],
        ];
    }
}
