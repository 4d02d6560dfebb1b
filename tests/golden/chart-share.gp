# share: written by topic chart; the data is in share.dat
set terminal pngcairo size 1100,620 font 'DejaVu Sans,10' noenhanced
set output 'share.png'
set datafile separator '\t'
set encoding utf8
set title 'Weekly share of papers: the top risers of the week' font ',13'
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
set xdata time
set timefmt '%Y-%m-%d'
set format x "%b\n%Y"
set xlabel 'week (ISO, by its Monday)'
set ylabel 'share of papers in the period (%)'
set yrange [0:*]
set offsets 0, 0, graph 0.05, 0
set key outside right top vertical Left reverse noautotitle samplen 2
set rmargin 28
plot for [i=3:8] 'share.dat' using 1:i with linespoints lw 2 pt 7 ps 0.6 title columnheader(i)
