show Guest
