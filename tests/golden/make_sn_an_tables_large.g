# GAP's character tables of S_13..S_20 and A_11..A_14 as plain text, one file per group:
# line 1 the class sizes, then per class the cycle type of its representative on [1..n],
# then one line of values per irreducible (A_n's irrationalities printed as GAP prints them).
# Usage: replace OUT/ by a folder, gap -q make_sn_an_tables_large.g, then
# python make_sn_an_tables_large.py FOLDER tests/golden/sn_an_character_tables_large.npz
Dump := function(G, n, file)
  local t, cls, reps, chi, r;
  t := CharacterTable(G);;
  cls := ConjugacyClasses(t);;
  reps := List(cls, Representative);;
  PrintTo(file, "");
  for r in reps do
    AppendTo(file, JoinStringsWithSeparator(List(Reversed(SortedList(CycleLengths(r, [1..n]))), String), " "), "\n");
  od;
  AppendTo(file, "#\n");
  for chi in Irr(t) do
    AppendTo(file, JoinStringsWithSeparator(List(ValuesOfClassFunction(chi), x -> String(x)), " "), "\n");
  od;
end;
for n in [13..20] do Dump(SymmetricGroup(n), n, Concatenation("OUT/S", String(n), ".txt")); od;
for n in [11..14] do Dump(AlternatingGroup(n), n, Concatenation("OUT/A", String(n), ".txt")); od;
QUIT;
