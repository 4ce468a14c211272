# GAP's character tables of S_16, S_18, S_20 (CPU ms by Runtime()), for bench_large_groups.py.
# Run: gap -q benchmarks/gap_symmetric_tables.g (GAP 4, e.g. the passagemath-gap wheel).
for n in [16, 18, 20] do
  t := Runtime();
  ct := CharacterTable(SymmetricGroup(n));
  x := Irr(ct);;
  Print("S", n, " ", Runtime() - t, " ms\n");
od;
QUIT;
