# topics: written by topic chart; the data is in topics.dat
set terminal pngcairo size 1100,752 font 'DejaVu Sans,10' noenhanced
set output 'topics.png'
set datafile separator '\t'
set encoding utf8
set title 'Topics by week' font ',13'
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
set view map
set grid noytics
set xlabel 'week (ISO)'
set ylabel ''
set cblabel 'share of papers that week (%)'
set palette defined (0 '#ffffff', 1 '#c6dbef', 2 '#6baed6', 3 '#2171b5', 4 '#08306b')
set cbrange [0:*]
set lmargin 30
set xtics rotate by -60 font ',8'
set key off
plot 'topics.dat' matrix rowheaders columnheaders using 1:2:3 with image notitle
