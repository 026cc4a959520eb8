python3 $S/gate3.py $S/$N-val300.json > $S/gate0s.txt
