// L3 constructs whose defaults encode the lessons; one construct per file.
export {};
