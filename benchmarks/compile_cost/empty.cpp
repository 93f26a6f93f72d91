// Compile cost baseline: an empty translation unit.
