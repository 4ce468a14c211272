Dump := function(G, n, file)
  local t, cls, reps, out;
  t := CharacterTable(G);;
  cls := ConjugacyClasses(t);;
  reps := List(cls, Representative);;
  PrintTo(file, "{\"n\": ", n, ", \"cycle_types\": ", List(reps, r -> Reversed(SortedList(CycleLengths(r, [1..n])))),
     ", \"sizes\": ", SizesConjugacyClasses(t), ", \"values\": ",
     List(Irr(t), chi -> List(ValuesOfClassFunction(chi), x -> String(x))), "}\n");
end;
for n in [2..12] do Dump(SymmetricGroup(n), n, Concatenation("OUT/S", String(n), ".json")); od;
for n in [3..10] do Dump(AlternatingGroup(n), n, Concatenation("OUT/A", String(n), ".json")); od;
QUIT;
