import codetour .tours/t.tour
