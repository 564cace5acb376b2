from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from notes.models import Note


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = "__all__"


@api_view(["GET"])
def hello(request):
    return Response({"message": "hello world"})


@api_view(["GET", "POST"])
def note_list(request):
    if request.method == "POST":
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid()
        serializer.save()
        return Response(serializer.data)
    return Response(NoteSerializer(Note.objects.all(), many=True).data)


@api_view(["GET"])
def note_detail(request, pk):
    return Response(NoteSerializer(Note.objects.get(pk=pk)).data)
