"""Case-file (卷宗) exports as PDF."""
