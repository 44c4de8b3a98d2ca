"""The printed layout, shared by the Word and Excel writers and the grid editor."""
