# rising: written by topic chart; the data is in rising.dat
set terminal pngcairo size 900,580 font 'DejaVu Sans,10' noenhanced
set output 'rising.png'
set datafile separator '\t'
set encoding utf8
set title 'Rising items of the week' font ',13'
set border 3 lc rgb '#555555'
set tics nomirror textcolor rgb '#333333'
set grid ytics lc rgb '#dddddd' dt 1
set linetype 1 lc rgb '#1f77b4'
set linetype 2 lc rgb '#d62728'
set linetype 3 lc rgb '#2ca02c'
set linetype 4 lc rgb '#ff7f0e'
set linetype 5 lc rgb '#9467bd'
set linetype 6 lc rgb '#8c564b'
set linetype 7 lc rgb '#e377c2'
set linetype 8 lc rgb '#17becf'
set linetype 9 lc rgb '#7f7f7f'
set linetype 10 lc rgb '#bcbd22'
set linetype cycle 10
set style fill solid 0.85 border -1
set xlabel 'score (log2 ratio x sqrt G2)'
set ylabel ''
set xrange [0:*]
set offsets 0, graph 0.12, 0.5, 0.5
set lmargin 34
set key off
set grid xtics noytics
plot 'rising.dat' using 2:0:(0):2:($0-0.38):($0+0.38):ytic(1) with boxxyerror lc rgb '#3b7dd8' notitle, '' using 2:0:(sprintf(' %.1f', $2)) with labels left notitle
